package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.ATTACHMENTS;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.adapter.persistence.generated.tables.records.AttachmentsRecord;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.StoredAttachment;
import org.chatserver.domain.UserId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

final class JooqAttachmentRepository implements AttachmentRepository {

    private final DSLContext dsl;

    JooqAttachmentRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public void add(StoredAttachment attachment) {
        // ON CONFLICT rather than catching the unique violation: on PostgreSQL that error would also
        // abort the caller's transaction
        int inserted = SqlErrors.refusingUnknown(() -> dsl.insertInto(ATTACHMENTS)
                        .set(ATTACHMENTS.NAME, attachment.name())
                        .set(ATTACHMENTS.ORIGINAL_NAME, attachment.originalName())
                        .set(ATTACHMENTS.SIZE, attachment.size())
                        .set(ATTACHMENTS.MIME_TYPE, attachment.mimeType())
                        .set(ATTACHMENTS.KIND, attachment.kind().name())
                        .set(ATTACHMENTS.UPLOADER_ID, attachment.uploader().value())
                        .set(ATTACHMENTS.CREATED_AT, attachment.createdAt().truncatedTo(ChronoUnit.MILLIS))
                        .set(ATTACHMENTS.PREVIEW_NAME, attachment.previewName())
                        .set(ATTACHMENTS.CHARSET, attachment.charset())
                        .set(ATTACHMENTS.AWAITING_POST, true)
                        .onConflict(ATTACHMENTS.NAME)
                        .doNothing()
                        .execute(),
                () -> "no user with id " + attachment.uploader());
        if (inserted == 0) {
            throw new IllegalStateException("attachment " + attachment.name() + " already recorded");
        }
    }

    @Override
    public boolean remove(String name) {
        return dsl.deleteFrom(ATTACHMENTS).where(ATTACHMENTS.NAME.eq(name)).execute() == 1;
    }

    @Override
    public boolean markPosted(String name, String previewName) {
        // an update, not a read: the row stays locked until the caller's transaction ends, and a sweep's delete waiting
        // for it finds it no longer waiting (PostgreSQL evaluates the delete's condition again on the row as committed)
        boolean there = dsl.update(ATTACHMENTS).set(ATTACHMENTS.AWAITING_POST, false)
                .where(ATTACHMENTS.NAME.eq(name))
                .execute() == 1;
        if (there && previewName != null) {
            dsl.update(ATTACHMENTS).set(ATTACHMENTS.AWAITING_POST, false)
                    .where(ATTACHMENTS.NAME.eq(previewName))
                    .execute();
        }
        return there;
    }

    @Override
    public List<StoredAttachment> unpostedBefore(Instant cutoff, int limit) {
        return dsl.selectFrom(ATTACHMENTS)
                .where(ATTACHMENTS.AWAITING_POST.isTrue())
                .and(ATTACHMENTS.CREATED_AT.lt(cutoff.truncatedTo(ChronoUnit.MILLIS)))
                .orderBy(ATTACHMENTS.CREATED_AT, ATTACHMENTS.NAME)
                .limit(limit)
                .fetch(JooqAttachmentRepository::toAttachment);
    }

    @Override
    public boolean forgetUnposted(String name) {
        return dsl.deleteFrom(ATTACHMENTS)
                .where(ATTACHMENTS.NAME.eq(name))
                .and(ATTACHMENTS.AWAITING_POST.isTrue())
                .execute() == 1;
    }

    @Override
    public UploadedAfter uploadedAfter(UserId uploader, Instant since) {
        var bytes = DSL.sum(ATTACHMENTS.SIZE);
        var oldest = DSL.min(ATTACHMENTS.CREATED_AT);
        return dsl.select(bytes, oldest)
                .from(ATTACHMENTS)
                .where(ATTACHMENTS.UPLOADER_ID.eq(uploader.value()))
                .and(ATTACHMENTS.CREATED_AT.gt(since.truncatedTo(ChronoUnit.MILLIS)))
                .fetchSingle(row -> new UploadedAfter(row.value1() == null ? 0 : row.value1().longValue(),
                        row.value2()));
    }

    @Override
    public Optional<StoredAttachment> findByName(String name) {
        return dsl.selectFrom(ATTACHMENTS)
                .where(ATTACHMENTS.NAME.eq(name))
                .fetchOptional(JooqAttachmentRepository::toAttachment);
    }

    @Override
    public Optional<StoredAttachment> findByPreview(String previewName) {
        return dsl.selectFrom(ATTACHMENTS)
                .where(ATTACHMENTS.PREVIEW_NAME.eq(previewName))
                .limit(1)
                .fetchOptional(JooqAttachmentRepository::toAttachment);
    }

    @Override
    public List<StoredAttachment> listAfter(String afterName, int limit) {
        return dsl.selectFrom(ATTACHMENTS)
                .where(afterName == null ? DSL.noCondition() : ATTACHMENTS.NAME.gt(afterName))
                .orderBy(ATTACHMENTS.NAME)
                .limit(limit)
                .fetch(JooqAttachmentRepository::toAttachment);
    }

    @Override
    public boolean recordStoredSize(String name, long size) {
        return dsl.update(ATTACHMENTS).set(ATTACHMENTS.SIZE, size).where(ATTACHMENTS.NAME.eq(name)).execute() == 1;
    }

    private static StoredAttachment toAttachment(AttachmentsRecord row) {
        return new StoredAttachment(row.getName(), row.getOriginalName(), row.getSize(), row.getMimeType(),
                AttachmentKind.valueOf(row.getKind()), new UserId(row.getUploaderId()), row.getCreatedAt(),
                row.getPreviewName(), row.getCharset());
    }
}
