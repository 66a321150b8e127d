package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An operator debugging SQL turns jOOQ's logging up ({@code logging.level.org.jooq=debug}, here even {@code trace})
 * and the server's statement log with it: the statements are logged, but never the values bound to them nor the rows
 * read, so no password hash, refresh token hash, password or token of a sign-up, login or refresh reaches the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.org.jooq=trace", "logging.level.org.chatserver.adapter.persistence.StatementLog=debug"})
@ExtendWith(OutputCaptureExtension.class)
class SqlLogTest {

    private static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("sql-log-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void atDebugAndTraceTheStatementsAreLoggedWithoutTheirValuesOrRows(CapturedOutput output) throws SQLException {
        HttpTestClient http = new HttpTestClient(port);
        String name = "sql" + UUID.randomUUID().toString().substring(0, 8);
        var signUp = http.post("/api/auth/signup", AuthFlowContract.credentials(name, PASSWORD), null);
        assertThat(signUp.status()).isEqualTo(200);
        var login = http.post("/api/auth/login", AuthFlowContract.credentials(name, PASSWORD), null);
        assertThat(login.status()).isEqualTo(200);
        var refresh = http.post("/api/auth/refresh", "{\"refresh_token\":\"" + login.text("refresh_token") + "\"}",
                null);
        assertThat(refresh.status()).isEqualTo(200);

        List<String> secrets = new ArrayList<>(stored(
                "select password_hash from users where username = ?", name));
        secrets.addAll(stored("select t.token_hash from refresh_tokens t join auth_sessions s on s.id = t.session_id"
                + " join users u on u.id = s.user_id where u.username = ?", name));
        assertThat(secrets).as("the password hash and three refresh token hashes").hasSize(4);
        secrets.addAll(List.of(PASSWORD, signUp.text("refresh_token"), login.text("refresh_token"),
                refresh.text("refresh_token")));

        String log = output.getAll();
        assertThat(log).as("the statements, at debug").containsPattern("insert into .users. \\(")
                .containsPattern("update .refresh_tokens. set");
        for (String secret : secrets) {
            assertThat(log.lines().filter(line -> line.contains(secret)).toList())
                    .as("lines of the log at trace holding a hash, the password or a token").isEmpty();
        }
    }

    /** What the database holds, read past jOOQ (and its logging). */
    private List<String> stored(String sql, String username) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, username);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
