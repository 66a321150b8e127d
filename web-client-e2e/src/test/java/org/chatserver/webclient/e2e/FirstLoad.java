package org.chatserver.webclient.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.LoadState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a browser with an empty cache downloads to show the client, as Chromium itself counts it. */
record FirstLoad(int requests, long transferredBytes, long reloadNotModified, long reloadBodyBytes) {

    static FirstLoad measure(Browser browser, ChatServer server) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            List<Request> finished = new CopyOnWriteArrayList<>();
            page.onRequestFinished(finished::add);
            page.navigate(server.baseUrl());
            page.getByLabel("Password").waitFor();
            page.waitForLoadState(LoadState.NETWORKIDLE);
            long bytes = 0;
            for (Request request : finished) {
                var sizes = request.sizes();
                bytes += sizes.responseBodySize + sizes.responseHeadersSize;
            }
            int requests = finished.size();

            finished.clear();
            page.reload();
            page.getByLabel("Password").waitFor();
            page.waitForLoadState(LoadState.NETWORKIDLE);
            long notModified = finished.stream().filter(r -> r.response().status() == 304).count();
            // Chromium reports a revalidated navigation as the cached 200, so count bytes too
            long reloadBody = finished.stream().mapToLong(r -> Math.max(0, r.sizes().responseBodySize)).sum();
            return new FirstLoad(requests, bytes, notModified, reloadBody);
        }
    }
}
