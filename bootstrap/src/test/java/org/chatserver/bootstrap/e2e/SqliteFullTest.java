package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded database runs out of room: SQLite answers exactly as on a full disk
 * ({@code SQLITE_FULL}), here because its page limit is lowered on the server's one connection,
 * which needs no privileges (the resilience tests fill a real file system). Signing up is then a
 * 507 saying so, not a 500; with room again it works.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SqliteFullTest {

    private static final int ENOUGH_TO_NEED_A_NEW_PAGE = 500;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("sqlite-full-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @Test
    void aFullDatabaseIsA507WithADetailAndNothingBreaksForGood() throws SQLException {
        HttpTestClient http = new HttpTestClient(port);
        assertThat(signUp(http).status()).isEqualTo(200);

        limitPagesTo("page_count");
        HttpTestClient.Response refused = null;
        for (int i = 0; i < ENOUGH_TO_NEED_A_NEW_PAGE && refused == null; i++) {
            HttpTestClient.Response signup = signUp(http);
            if (signup.status() != 200) {
                refused = signup;
            }
        }

        assertThat(refused).as("a signup refused once the database could not grow").isNotNull();
        assertThat(refused.status()).as(refused.body()).isEqualTo(507);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.text("detail")).isEqualTo("The server's database is full; this cannot be saved until space is freed");

        limitPagesTo("1073741823");
        assertThat(signUp(http).status()).isEqualTo(200);
    }

    private static HttpTestClient.Response signUp(HttpTestClient http) {
        return http.post("/api/auth/signup",
                AuthFlowContract.credentials(AuthFlowContract.uniqueName(), "correct horse"), null);
    }

    /** On the pool's single connection, the one every request uses. */
    private void limitPagesTo(String pages) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String limit = pages;
            if (pages.equals("page_count")) {
                try (ResultSet count = statement.executeQuery("PRAGMA page_count")) {
                    count.next();
                    limit = Long.toString(count.getLong(1));
                }
            }
            statement.execute("PRAGMA max_page_count = " + limit);
        }
    }
}
