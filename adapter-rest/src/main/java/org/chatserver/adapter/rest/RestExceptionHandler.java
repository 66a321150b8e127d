package org.chatserver.adapter.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.chatserver.adapter.wire.WireErrors;
import org.chatserver.application.port.in.ConflictException;
import org.chatserver.application.port.in.ForbiddenException;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.RejectedException;
import org.chatserver.application.port.in.RetryLaterException;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.TooManyRequestsException;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.UseCaseException;
import org.chatserver.application.port.in.attachment.UploadAttachmentUseCase;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure of a request into an RFC 9457 problem body with a string {@code detail},
 * the one error shape the clients read. Validation failures also list {@code errors} as
 * {@code [{"field","message"}]} with wire (snake_case) field names.
 */
@RestControllerAdvice
class RestExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RestExceptionHandler.class);
    static final String INTERNAL_ERROR = "Internal server error";
    /** The key of a server fault's answer that holds the request's id ({@link RequestIdFilter}). */
    static final String REQUEST_ID = "request_id";
    private static final HttpStatus UNPROCESSABLE = HttpStatus.UNPROCESSABLE_CONTENT;
    static final String NOT_ACCEPTABLE =
            "The Accept header asks for nothing this API answers with: accept application/json";
    private static final String BODY = "body";
    /** The multipart part every upload arrives in. */
    private static final String FILE_PART = "file";
    /** What containers and upload libraries call their size refusals, Tomcat's included. */
    private static final List<String> SIZE_LIMIT_EXCEPTIONS = List.of(
            "FileSizeLimitExceededException", "SizeLimitExceededException");
    /** Tomcat's refusal of a multipart request with more parts than {@code server.tomcat.max-part-count}. */
    private static final String PART_COUNT_EXCEPTION = "FileCountLimitExceededException";
    static final String TOO_MANY_PARTS = "The multipart request has too many parts: send the file as one part named 'file'";
    /** How Tomcat begins its refusal of a part whose headers pass {@code server.tomcat.max-part-header-size}. */
    private static final String PART_HEADERS_LIMIT = "Header section has more than";
    static final String PART_HEADERS_TOO_LONG = "The file part's headers are too long: send a shorter file name";
    /**
     * Tomcat's (and Commons FileUpload's) refusal of a part whose file name holds a NUL character, which fails the
     * whole request; a name's other control characters arrive, and the use case leaves them out of the shown name.
     */
    private static final String FILE_NAME_EXCEPTION = "InvalidFileNameException";
    static final String NUL_IN_FILE_NAME = FILE_PART + " name must not contain a NUL character";
    /** At most one log line per kind of server fault in this window. */
    static final Duration FAULT_LOG_WINDOW = Duration.ofSeconds(10);

    private final UploadAttachmentUseCase upload;
    private final ServerFaultLog faults = new ServerFaultLog(Clock.systemUTC(), FAULT_LOG_WINDOW);

    RestExceptionHandler(UploadAttachmentUseCase upload) {
        this.upload = upload;
    }

    @ExceptionHandler(UseCaseException.class)
    ResponseEntity<Object> handleUseCase(UseCaseException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (ex instanceof RetryLaterException retry && retry.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(wholeSecondsUp(retry.retryAfter())));
        }
        HttpStatus status = switch (ex) {
            case NotFoundException notFound -> HttpStatus.NOT_FOUND;
            case ConflictException conflict -> HttpStatus.CONFLICT;
            case RejectedException rejected -> HttpStatus.BAD_REQUEST;
            case ForbiddenException forbidden -> HttpStatus.FORBIDDEN;
            case UnauthenticatedException unauthenticated -> {
                // RFC 9110: a 401 always names the scheme that would work
                headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                yield HttpStatus.UNAUTHORIZED;
            }
            case TooManyRequestsException tooMany -> HttpStatus.TOO_MANY_REQUESTS;
            case ServiceBusyException busy -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            // a refusal the use case chose and explained: not a fault to log, and its detail is the answer
            return super.handleExceptionInternal(ex, problem(status, ex.getMessage()), headers, status, request);
        }
        return handleExceptionInternal(ex, problem(status, ex.getMessage()), headers, status, request);
    }

    /** A rule of the domain said no; its message is the detail, its kind the status. */
    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> handleRuleViolation(RuleViolation ex, WebRequest request) {
        HttpStatus status = switch (ex) {
            case RuleViolation.NotPermitted notPermitted -> HttpStatus.FORBIDDEN;
            case RuleViolation.NotPossible notPossible -> HttpStatus.BAD_REQUEST;
            case RuleViolation.Conflict conflict -> HttpStatus.CONFLICT;
        };
        return handleExceptionInternal(ex, problem(status, ex.getMessage()), new HttpHeaders(), status, request);
    }

    @ExceptionHandler(BearerAuthenticationException.class)
    ResponseEntity<Object> handleBearer(BearerAuthenticationException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, ex.challenge());
        return handleExceptionInternal(ex, problem(HttpStatus.UNAUTHORIZED, ex.getMessage()), headers,
                HttpStatus.UNAUTHORIZED, request);
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<Object> handleInvalidValue(InvalidValueException ex, WebRequest request) {
        return unprocessable(ex, List.of(new FieldProblem(WireErrors.field(ex), WireErrors.message(ex))), request);
    }

    /**
     * An upload the container could not take apart. One cut off at the size limit gets the same 400
     * and text as a file the use case finds too large (the app checks for them; 413 would be new to
     * it); a NUL character in the file name fails the whole request in the container, and is named; anything else
     * means the {@code file} part never arrived.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> handleMultipart(MultipartException ex, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
                && servlet.getResponse().isCommitted()) {
            // the client hung up mid-upload, or the container answered it already (408 to a stalled body): nothing
            // to add, and nothing of ours to warn the operator about
            return null;
        }
        if (isSizeLimit(ex) || isCausedBy(ex, PART_COUNT_EXCEPTION)) {
            return tooLarge(ex, request);
        }
        if (isCausedBy(ex, FILE_NAME_EXCEPTION)) {
            // the part arrived, as a file: "must be sent as a file part" sent its sender looking at the wrong thing
            return unprocessable(ex, List.of(new FieldProblem(FILE_PART, NUL_IN_FILE_NAME)), request);
        }
        return unprocessable(ex, List.of(new FieldProblem(FILE_PART,
                FILE_PART + " must be sent as a multipart/form-data file part")), request);
    }

    /** The client hung up while its request waited: nobody to answer, nothing of ours to fix. */
    @ExceptionHandler(ClientConnection.ClientGoneException.class)
    ResponseEntity<Object> handleClientGone(ClientConnection.ClientGoneException ex) {
        return null;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        return handleExceptionInternal(ex, null, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(wireName(error.getField()), message(error)));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(BODY, message(error))));
        return unprocessable(ex, problems, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> problems.add(new FieldProblem(wireName(name), message(error))));
        });
        return unprocessable(ex, problems, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return unprocessable(ex, List.of(unreadable(ex, request)), request);
    }

    /** Says which type to send instead, and never "Content-Type 'null'" for a body sent without one. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String send = ex.getSupportedMediaTypes().isEmpty() ? "application/json"
                : ex.getSupportedMediaTypes().stream().map(t -> t.getType() + "/" + t.getSubtype()).distinct()
                        .collect(Collectors.joining(" or "));
        MediaType sent = ex.getContentType();
        String detail = sent == null ? "Content-Type is required: send " + send
                : "Content-Type " + sent.getType() + "/" + sent.getSubtype() + " is not supported: send " + send;
        return handleExceptionInternal(ex, problem(status, detail), headers, status, request);
    }

    /**
     * The problem body goes out as {@code application/problem+json} whatever the Accept header said: negotiated, an
     * Accept the API cannot answer (or cannot read, {@code ;;;}) left the 406 without any body.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpHeaders problemType = new HttpHeaders();
        problemType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return handleExceptionInternal(ex, problem(status, NOT_ACCEPTABLE), problemType, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "parameter" : wireName(ex.getPropertyName());
        String problem = anyCause(ex, cause -> cause instanceof DecimalIntegers.OutOfRange)
                ? WireErrors.OUT_OF_RANGE : expected(ex.getRequiredType());
        return unprocessable(ex, List.of(new FieldProblem(field, field + " " + problem)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex.getParameterName();
        return unprocessable(ex, List.of(new FieldProblem(field, field + " is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = ex.getRequestPartName();
        if (request.getParameter(field) != null) {
            // sent, but as a plain form field (-F file=text), not as a file
            return unprocessable(ex, List.of(new FieldProblem(field,
                    field + " must be sent as a multipart/form-data file part")), request);
        }
        return unprocessable(ex, List.of(new FieldProblem(field, field + " is required")), request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return tooLarge(ex, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return notFound(ex, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return notFound(ex, headers, request);
    }

    /**
     * The funnel every answer of this class passes: 5xx are logged here and never explained to the client,
     * except a use case's own refusal (503 busy), which is expected and says what to do.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        Object answer = body;
        if (statusCode.is5xxServerError() && DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // the client hung up while we answered (a broken pipe under whatever wraps it): nobody to tell,
            // nothing of ours to fix, so no fault in the log
            return null;
        }
        if (statusCode.is5xxServerError()) {
            logFault(ex, request);
            ProblemDetail fault = problem(statusCode, statusCode.value() == 500 ? INTERNAL_ERROR : reason(statusCode));
            String id = RequestIdFilter.of(request);
            if (id != null) {
                // what the user can quote to the operator, who finds it on the fault's log line
                fault.setProperty(REQUEST_ID, id);
            }
            answer = fault;
        } else if (answer instanceof ProblemDetail problem && problem.getDetail() == null) {
            problem.setDetail(reason(statusCode));
        }
        return super.handleExceptionInternal(ex, answer, headers, statusCode, request);
    }

    /** One line per kind of fault per {@link #FAULT_LOG_WINDOW}, saying how many were left out. */
    private void logFault(Exception ex, WebRequest request) {
        OptionalLong suppressed = faults.admit(ServerFaultLog.kindOf(ex));
        if (suppressed.isEmpty()) {
            return;
        }
        if (suppressed.getAsLong() == 0) {
            LOG.error("{} failed", describe(request), ex);
        } else {
            LOG.error("{} failed ({} more like it since the last such line were not logged)", describe(request),
                    suppressed.getAsLong(), ex);
        }
    }

    private ResponseEntity<Object> tooLarge(Exception ex, WebRequest request) {
        if (isCausedBy(ex, PART_COUNT_EXCEPTION)) {
            return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, TOO_MANY_PARTS),
                    new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        if (hasMessageStartingWith(ex, PART_HEADERS_LIMIT)) {
            // a long file name, not a big file: the size limit's text would send the user looking at the wrong thing
            return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, PART_HEADERS_TOO_LONG),
                    new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, upload.sizeLimitMessage()),
                new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** By simple class name, so that the adapter depends on no particular servlet container. */
    private static boolean isCausedBy(Throwable ex, String simpleName) {
        return anyCause(ex, cause -> cause.getClass().getSimpleName().equals(simpleName));
    }

    private static boolean hasMessageStartingWith(Throwable ex, String prefix) {
        return anyCause(ex, cause -> cause.getMessage() != null && cause.getMessage().startsWith(prefix));
    }

    /** By name, so that the adapter depends on no particular servlet container. */
    private static boolean isSizeLimit(Throwable ex) {
        return anyCause(ex, cause -> cause instanceof MaxUploadSizeExceededException
                || SIZE_LIMIT_EXCEPTIONS.contains(cause.getClass().getSimpleName()));
    }

    private static boolean anyCause(Throwable ex, Predicate<Throwable> test) {
        Throwable cause = ex;
        // bounded: a cause chain may loop
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }

    private ResponseEntity<Object> notFound(Exception ex, HttpHeaders headers, WebRequest request) {
        // the framework's text names the missing static resource; the clients only need the status
        return handleExceptionInternal(ex, problem(HttpStatus.NOT_FOUND, "Not Found"), headers,
                HttpStatus.NOT_FOUND, request);
    }

    private ResponseEntity<Object> unprocessable(Exception ex, List<FieldProblem> problems, WebRequest request) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        String detail = sorted.isEmpty() ? reason(UNPROCESSABLE)
                : sorted.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(UNPROCESSABLE, detail);
        problem.setProperty("errors", sorted);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), UNPROCESSABLE, request);
    }

    private static FieldProblem unreadable(HttpMessageNotReadableException ex, WebRequest request) {
        if (ex.getCause() instanceof StreamConstraintsException) {
            return new FieldProblem(BODY, "body is nested too deeply, or holds a string, number or name that is too long");
        }
        if (ex.getCause() instanceof JacksonException json) {
            String path = path(json.getPath());
            if (json instanceof StreamReadException && json.getOriginalMessage() != null
                    && json.getOriginalMessage().startsWith("Duplicate Object property")) {
                // refused by the parser (StreamReadFeature.STRICT_DUPLICATE_DETECTION, JsonConfiguration)
                return new FieldProblem(BODY, "body names a key twice");
            }
            if (path.isEmpty()) {
                // valid JSON of the wrong shape ([], "x", 1) is not "not JSON"; an object with more after it is
                // (DeserializationFeature.FAIL_ON_TRAILING_TOKENS reports it as a mismatch)
                boolean wrongShape = json instanceof MismatchedInputException && (json.getOriginalMessage() == null
                        || !json.getOriginalMessage().startsWith("Trailing token"));
                return new FieldProblem(BODY, wrongShape ? "body must be a JSON object" : "body is not valid JSON");
            }
            if (json instanceof InputCoercionException) {
                // an integer, only too large (or small) for the field: saying it must be one would mislead
                return new FieldProblem(path, path + " " + WireErrors.OUT_OF_RANGE);
            }
            if (json instanceof StreamReadException) {
                // the JSON breaks inside a field's value (a raw line break in a string, 01, a lone backslash): the
                // value is not wrong, the body is not JSON
                return new FieldProblem(BODY, "body is not valid JSON");
            }
            Class<?> target = json instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return new FieldProblem(path, path + " " + expected(target));
        }
        if (ex.getCause() == null && request instanceof ServletWebRequest servlet
                && servlet.getRequest().getContentLengthLong() > 0) {
            // bytes were sent and read as no object at all: the JSON literal null
            return new FieldProblem(BODY, "body must be a JSON object");
        }
        return new FieldProblem(BODY, "body is missing or unreadable");
    }

    private static String path(Collection<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** Java type names are no business of the client's; say what JSON would have worked. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type == String.class || type.isEnum()) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean";
        }
        if (type == Long.class || type == Integer.class || type == Short.class
                || type == long.class || type == int.class || type == short.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has an invalid value";
    }

    private static String message(MessageSourceResolvable error) {
        String message = error.getDefaultMessage();
        if (message == null && error instanceof DefaultMessageSourceResolvable resolvable) {
            message = resolvable.getCode();
        }
        return message == null ? "is invalid" : message;
    }

    /** Request records use Java names; the wire uses their snake_case form. */
    static String wireName(String javaName) {
        if (javaName == null) {
            return BODY;
        }
        StringBuilder wire = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                wire.append('_').append(Character.toLowerCase(c));
            } else {
                wire.append(c);
            }
        }
        return wire.toString();
    }

    private static long wholeSecondsUp(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }

    private static String reason(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error " + status.value() : known.getReasonPhrase();
    }

    /** Method and path only: the query string or headers may hold a token. */
    private static String describe(WebRequest request) {
        if (request instanceof ServletWebRequest servlet) {
            return servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI();
        }
        return "request";
    }

    record FieldProblem(String field, String message) {
    }
}
