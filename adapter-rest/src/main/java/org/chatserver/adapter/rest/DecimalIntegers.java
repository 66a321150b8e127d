package org.chatserver.adapter.rest;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids and counts in paths and query strings, read as the API writes them: decimal ASCII digits, a minus sign at
 * most (so that a negative id gets its own answer). Spring's default reads numbers as Java source does, so that
 * {@code /api/rooms/0x3}, {@code #1}, {@code +1}, {@code 1 } and digits of other scripts ({@code ١}, {@code １}) were
 * rooms 3 and 1; here they are refused as any other text that is not an integer (422, "must be an integer"). A
 * decimal integer past its type's range is an integer all the same: it is refused as {@link OutOfRange} (422,
 * "is out of range"), not as one that is not an integer.
 * An editor, not a converter: where a converter refuses, Spring tries its default editor next, which takes them.
 */
@ControllerAdvice
class DecimalIntegers {

    /** Longer runs of digits are past any range; the bound only keeps the parse from reading a megabyte of them. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,1000}");

    @InitBinder
    void decimalIntegers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new Decimal(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, new Decimal(Long::valueOf, true));
        binder.registerCustomEditor(int.class, new Decimal(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Decimal(Integer::valueOf, true));
    }

    private static final class Decimal extends PropertyEditorSupport {

        private final Function<String, Number> parse;
        private final boolean emptyIsNone;

        Decimal(Function<String, Number> parse, boolean emptyIsNone) {
            this.parse = parse;
            this.emptyIsNone = emptyIsNone;
        }

        @Override
        public void setAsText(String text) {
            if (emptyIsNone && (text == null || text.isEmpty())) {
                setValue(null);
                return;
            }
            if (text == null || !DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal integer");
            }
            try {
                setValue(parse.apply(text));
            } catch (NumberFormatException pastTheRange) {
                throw new OutOfRange();
            }
        }
    }

    /** A decimal integer that the parameter's type cannot hold. */
    static final class OutOfRange extends IllegalArgumentException {

        OutOfRange() {
            super("a decimal integer out of range");
        }
    }
}
