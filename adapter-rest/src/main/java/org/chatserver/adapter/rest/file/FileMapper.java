package org.chatserver.adapter.rest.file;

import org.chatserver.adapter.rest.RestMapperConfig;
import org.chatserver.adapter.wire.FileUrls;
import org.chatserver.domain.StoredAttachment;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.mapstruct.Named;

@Mapper(config = RestMapperConfig.class)
interface FileMapper {

    String FILE_UPLOADED = "File uploaded successfully";
    String IMAGE_UPLOADED = "Image uploaded successfully";

    @Mapping(target = "fileUrl", source = "name", qualifiedByName = "fileUrl")
    @Mapping(target = "filename", source = "name")
    @Mapping(target = "fileSize", source = "size")
    @Mapping(target = "message", constant = FILE_UPLOADED)
    @Mapping(target = "originalFilename", source = "originalName")
    @Mapping(target = "previewUrl", source = "previewName", qualifiedByName = "fileUrl")
    UploadFileResponse toFileResponse(StoredAttachment attachment);

    @Mapping(target = "imageUrl", source = "name", qualifiedByName = "fileUrl")
    @Mapping(target = "filename", source = "name")
    @Mapping(target = "message", constant = IMAGE_UPLOADED)
    @Mapping(target = "previewUrl", source = "previewName", qualifiedByName = "fileUrl")
    UploadImageResponse toImageResponse(StoredAttachment attachment);

    /** Relative on purpose: the app makes it absolute against the server it talks to. */
    @Named("fileUrl")
    default String fileUrl(String storedName) {
        return storedName == null ? null : FileUrls.of(storedName);
    }
}
