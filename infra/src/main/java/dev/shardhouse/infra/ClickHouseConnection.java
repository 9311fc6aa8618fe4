package dev.shardhouse.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * How both functions reach ClickHouse. The password never appears in the template: the functions read it from the
 * secret at start-up, and only that secret is readable.
 *
 * @param allowPlainHttp "true" lets the functions accept an http:// URL to a host other than loopback (the password
 *                       then travels in clear); "false" makes them refuse it at start
 */
public record ClickHouseConnection(String url, String allowPlainHttp, String user, String passwordSecretArn,
                                   String database) {

    public ClickHouseConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(allowPlainHttp, "allowPlainHttp");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSecretArn, "passwordSecretArn");
        Objects.requireNonNull(database, "database");
    }

    /** The connection settings, named as dev.shardhouse.config.Setting names them, in a stable order. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CLICKHOUSE_URL", url);
        environment.put("CLICKHOUSE_ALLOW_HTTP", allowPlainHttp);
        environment.put("CLICKHOUSE_USER", user);
        environment.put("CLICKHOUSE_PASSWORD_SECRET_ARN", passwordSecretArn);
        environment.put("CLICKHOUSE_DATABASE", database);
        return environment;
    }

    public void grantPasswordRead(IGrantable grantee) {
        grantee.getGrantPrincipal().addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue"))
                .resources(List.of(passwordSecretArn))
                .build());
    }
}
