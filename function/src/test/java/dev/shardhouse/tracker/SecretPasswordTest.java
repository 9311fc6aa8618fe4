package dev.shardhouse.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shardhouse.config.ConfigException;
import org.junit.jupiter.api.Test;

class SecretPasswordTest {

    @Test
    void plainSecretIsThePassword() {
        assertEquals("pa ss{word", SecretPassword.parse("pa ss{word"));
    }

    @Test
    void jsonSecretGivesItsPasswordField() {
        assertEquals("s3cret", SecretPassword.parse("{\"username\":\"default\",\"password\":\"s3cret\"}"));
    }

    @Test
    void jsonWithoutPasswordIsRefusedWithoutShowingTheSecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> SecretPassword.parse("{\"pwd\":\"s3cret\"}"));

        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN", e.setting());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void brokenJsonIsRefusedWithoutShowingTheSecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> SecretPassword.parse("{\"password\":\"s3cret"));

        assertEquals("CLICKHOUSE_PASSWORD_SECRET_ARN", e.setting());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
