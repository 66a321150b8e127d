package org.chatserver.adapter.rest.file;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase;
import org.chatserver.domain.InvalidValueException;
import org.mapstruct.factory.Mappers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartRequest;

@RestController
@Tag(name = "files", description = "Attachments: upload, then send the URL in a chat message")
public class UploadController {

    static final String FILE_PART = "file";
    private static final FileMapper MAPPER = Mappers.getMapper(FileMapper.class);
    private static final boolean ANY_KIND = false;
    private static final boolean IMAGES_ONLY = true;

    private final UploadAttachmentUseCase upload;

    public UploadController(UploadAttachmentUseCase upload) {
        this.upload = upload;
    }

    @PostMapping(path = "/api/upload-file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store a file; posts nothing",
            description = "The server decides from the bytes what the file is; the name's extension and the "
                    + "part's declared type may only agree with that. 400 with the reason for a file that is "
                    + "too large (`File size must be less than 10MB`), empty, of a kind not accepted, or "
                    + "whose name or declared type contradicts its content, or an image beyond the decoding limits "
                    + "(`Image is 10000 × 10000 pixels ...`); 422 without a `file` part, or with two, or with a NUL "
                    + "character in its file name; "
                    + "503 with `Retry-After` "
                    + "when every image decoder is busy.")
    UploadFileResponse uploadFile(AuthenticatedUser caller, @RequestPart(FILE_PART) MultipartFile file,
                                  MultipartRequest request) {
        return MAPPER.toFileResponse(upload.upload(caller, new MultipartUploadSource(theOnly(file, request)),
                ANY_KIND));
    }

    @PostMapping(path = "/api/upload-image", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Store an image; posts nothing",
            description = "As /api/upload-file, but only images (JPEG, PNG, GIF, WebP that decode): "
                    + "400 `File must be an image` for anything else.")
    UploadImageResponse uploadImage(AuthenticatedUser caller, @RequestPart(FILE_PART) MultipartFile file,
                                    MultipartRequest request) {
        return MAPPER.toImageResponse(upload.upload(caller, new MultipartUploadSource(theOnly(file, request)),
                IMAGES_ONLY));
    }

    @GetMapping(path = "/api/upload-limits", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The largest file an upload may be",
            description = "`max_file_size` in bytes, inclusive (`chat.uploads.max-file-size`), and `too_large_detail`, "
                    + "the `detail` of the 400 a larger file gets: a client refuses such a file before sending any of it.")
    UploadLimitsResponse limits() {
        return new UploadLimitsResponse(upload.maxFileSize(), upload.sizeLimitMessage());
    }

    /** One file per upload: a second {@code file} part would be dropped without a word. */
    private static MultipartFile theOnly(MultipartFile file, MultipartRequest request) {
        if (request.getFiles(FILE_PART).size() > 1) {
            throw new InvalidValueException("upload part", "{} must be sent once: one file per upload");
        }
        return file;
    }
}
