package org.chatserver.webclient.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's description at {@code /docs} (Swagger UI, on the web client's origin) works under the policy that keeps
 * other sites from framing it and scripts from anywhere but the server from running in it.
 */
class ApiDocsInTheBrowserTest {

    private static Stage stage;

    @BeforeAll
    static void start() {
        stage = Stage.withSharedServer();
    }

    @AfterAll
    static void stop() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    void theApiDocsShowEveryCallAndOpenOneWithNothingRefused() {
        try (Person reader = Person.desktop(stage.browser(), "reader")) {
            reader.page.navigate(stage.server().baseUrl() + "docs");

            Locator signUp = reader.page.locator(".opblock").filter(new Locator.FilterOptions()
                    .setHas(reader.page.locator(".opblock-summary-path[data-path='/api/auth/signup']")));
            assertThat(signUp).hasCount(1);
            signUp.locator(".opblock-summary").click();
            assertThat(signUp.locator(".responses-wrapper")).containsText("422");
            assertThat(reader.problems).as("what the page logged as errors (a refused policy among them)").isEmpty();
        }
    }
}
