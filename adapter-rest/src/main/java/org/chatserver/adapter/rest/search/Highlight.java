package org.chatserver.adapter.rest.search;

import org.chatserver.domain.SearchQuery.Excerpt;

/** An excerpt as HTML a client may put on a page as it is: the text escaped, the hits in {@code <mark>}. */
final class Highlight {

    private Highlight() {
    }

    static String html(Excerpt excerpt) {
        String text = excerpt.text();
        StringBuilder html = new StringBuilder(text.length() + 16 * excerpt.hits().size());
        int at = 0;
        for (Excerpt.Hit hit : excerpt.hits()) {
            escape(text, at, hit.start(), html);
            html.append("<mark>");
            escape(text, hit.start(), hit.end(), html);
            html.append("</mark>");
            at = hit.end();
        }
        escape(text, at, text.length(), html);
        return html.toString();
    }

    private static void escape(String text, int from, int to, StringBuilder html) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
    }
}
