package dev.shardhouse.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.shardhouse.infra.SynthesizedStack.getAtt;
import static dev.shardhouse.infra.SynthesizedStack.list;
import static dev.shardhouse.infra.SynthesizedStack.onlyResource;
import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.resources;
import static dev.shardhouse.infra.SynthesizedStack.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IamPolicyTest {

    private static final Set<String> DATA_SERVICES = Set.of("kinesis:", "secretsmanager:", "sqs:");

    /** One policy statement: its effect, actions and resources. */
    private record Statement(String where, String effect, Set<String> actions, List<Object> resources) {
    }

    /** Every statement of every policy in the template: IAM policies, role inline policies, resource policies. */
    @SuppressWarnings("unchecked")
    private static List<Statement> allStatements() {
        List<Statement> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy")) {
            resources(type).forEach((id, resource) -> statements.addAll(
                    statements(id, ((Map<String, Object>) resource.get("Properties")).get("PolicyDocument"))));
        }
        resources("AWS::IAM::Role").forEach((id, resource) -> {
            Object inline = ((Map<String, Object>) resource.get("Properties")).get("Policies");
            if (inline != null) {
                list(inline).forEach(policy -> statements.addAll(
                        statements(id, ((Map<String, Object>) policy).get("PolicyDocument"))));
            }
        });
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static List<Statement> statements(String where, Object document) {
        return list(((Map<String, Object>) document).get("Statement")).stream()
                .map(s -> (Map<String, Object>) s)
                .map(s -> new Statement(where, (String) s.get("Effect"),
                        list(s.get("Action")).stream().map(String.class::cast).collect(Collectors.toCollection(TreeSet::new)),
                        list(s.get("Resource"))))
                .toList();
    }

    /** Statements of the unconditional policy attached to a function's role, by their sorted actions. */
    private static Map<Set<String>, List<Object>> grantsOf(String function) {
        String role = target(properties(function).get("Role"));
        List<String> policies = resources("AWS::IAM::Policy").entrySet().stream()
                .filter(p -> !p.getValue().containsKey("Condition"))
                .filter(p -> list(((Map<?, ?>) p.getValue().get("Properties")).get("Roles")).contains(ref(role)))
                .map(Map.Entry::getKey)
                .toList();
        assertEquals(1, policies.size(), "policies of " + role + ": " + policies);
        return allStatements().stream().filter(s -> s.where().equals(policies.get(0)))
                .peek(s -> assertEquals("Allow", s.effect(), s.toString()))
                .collect(Collectors.toMap(Statement::actions, Statement::resources));
    }

    /** The stream's ARN as the template computes it (the created stream's, or ExistingStreamArn). */
    @SuppressWarnings("unchecked")
    static Object streamArn() {
        return ((Map<String, Object>) ((Map<String, Object>) properties("IngestFunction").get("Environment"))
                .get("Variables")).get("STREAM_ARN");
    }

    private static Object logGroupArn(String function) {
        @SuppressWarnings("unchecked")
        Map<String, Object> logging = (Map<String, Object>) properties(function).get("LoggingConfig");
        return getAtt(target(logging.get("LogGroup")), "Arn");
    }

    @Test
    void noKinesisSecretsOrQueueActionOnEveryResource() {
        List<Statement> statements = allStatements();
        assertFalse(statements.isEmpty());
        for (Statement statement : statements) {
            boolean dataAction = statement.actions().stream().anyMatch(a -> DATA_SERVICES.stream().anyMatch(a::startsWith));
            if (dataAction) {
                assertFalse(statement.resources().contains("*"), "unscoped: " + statement);
            }
            // A Deny of every action is a guard (the queue's TLS-only policy); an Allow of every action is not.
            if (dataAction && "Allow".equals(statement.effect())) {
                assertTrue(statement.actions().stream().noneMatch(a -> a.endsWith(":*")), "every action: " + statement);
            }
        }
    }

    @Test
    void nothingIsAllowedOnEveryResourceButDescribingNetworkInterfacesInAVpc() {
        // Those two have no resource-level permission; the policy holding them exists only with SubnetIds.
        String interfacesPolicy = PrivateNetworkTest.interfacesPolicy().getKey();
        allStatements().stream().filter(s -> "Allow".equals(s.effect()))
                .filter(s -> !(s.where().equals(interfacesPolicy)
                        && s.actions().equals(new TreeSet<>(PrivateNetwork.DESCRIBE_ACTIONS))))
                .forEach(s -> assertFalse(s.resources().contains("*"), "unscoped: " + s));
    }

    @Test
    void ingestReadsTheStreamItsSecretWritesItsLogsAndItsDeadLetterQueueOnly() {
        String queue = onlyResource("AWS::SQS::Queue").getKey();
        Map<Set<String>, List<Object>> expected = Map.of(
                new TreeSet<>(Set.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
                        "kinesis:GetShardIterator", "kinesis:GetRecords")), List.of(streamArn()),
                Set.of("secretsmanager:GetSecretValue"), List.of(ref("ClickHousePasswordSecretArn")),
                Set.of("sqs:SendMessage"), List.of(getAtt(queue, "Arn")),
                new TreeSet<>(Set.of("logs:CreateLogStream", "logs:PutLogEvents")), List.of(logGroupArn("IngestFunction")));
        assertEquals(expected, grantsOf("IngestFunction"));
    }

    @Test
    void trackerListsShardsReadsItsSecretAndWritesItsLogsOnly() {
        Map<Set<String>, List<Object>> expected = Map.of(
                new TreeSet<>(Set.of("kinesis:DescribeStreamSummary", "kinesis:ListShards", "kinesis:GetShardIterator",
                        "kinesis:GetRecords")), List.of(streamArn()),
                Set.of("secretsmanager:GetSecretValue"), List.of(ref("ClickHousePasswordSecretArn")),
                new TreeSet<>(Set.of("logs:CreateLogStream", "logs:PutLogEvents")), List.of(logGroupArn("TrackerFunction")));
        assertEquals(expected, grantsOf("TrackerFunction"));
    }

    @ParameterizedTest(name = "{0} through {1}")
    @CsvSource({"StreamKmsKeyArn, kinesis", "ClickHousePasswordSecretKmsKeyArn, secretsmanager"})
    @SuppressWarnings("unchecked")
    void aCustomerManagedKeyIsDecryptableByBothFunctionsOnlyThroughItsServiceAndOnlyWhenGiven(String parameter,
                                                                                             String service) {
        List<Map.Entry<String, Map<String, Object>>> grants = resources("AWS::IAM::Policy").entrySet().stream()
                .filter(p -> SynthesizedStack.toJson(p.getValue()).contains("{\"Ref\":\"" + parameter + "\"}"))
                .toList();
        assertEquals(1, grants.size(), "policies naming " + parameter);
        Map<String, Object> policy = grants.get(0).getValue();
        Object condition = SynthesizedStack.section("Conditions").get(policy.get("Condition"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(ref(parameter), "")))), condition);

        Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
        Set<Object> roles = Set.copyOf(list(properties.get("Roles")));
        assertEquals(Set.of(ref(target(properties("IngestFunction").get("Role"))),
                ref(target(properties("TrackerFunction").get("Role")))), roles);
        Map<String, Object> statement = (Map<String, Object>) list(((Map<String, Object>) properties
                .get("PolicyDocument")).get("Statement")).get(0);
        assertEquals(Map.of("Effect", "Allow", "Action", "kms:Decrypt", "Resource", ref(parameter),
                "Condition", Map.of("StringLike", Map.of("kms:ViaService", service + ".*.amazonaws.com"))), statement);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMappingIsCreatedOnlyOnceTheStreamKeyCanBeUsed() {
        Map.Entry<String, Map<String, Object>> streamKeyPolicy = resources("AWS::IAM::Policy").entrySet().stream()
                .filter(p -> SynthesizedStack.toJson(p.getValue()).contains("{\"Ref\":\"StreamKmsKeyArn\"}"))
                .findFirst().orElseThrow();
        // DependsOn cannot name a resource that may not exist: the mapping waits on a handle that refers to the policy
        // in the branch where it exists.
        Map<String, Object> metadata = Map.of("Policy", Map.of("Fn::If", List.of(streamKeyPolicy.getValue().get("Condition"),
                ref(streamKeyPolicy.getKey()), "")));
        Map.Entry<String, Map<String, Object>> handle = resources("AWS::CloudFormation::WaitConditionHandle").entrySet()
                .stream().filter(h -> metadata.equals(h.getValue().get("Metadata"))).findFirst().orElseThrow();
        Object dependsOn = SynthesizedStack.resource(onlyResource("AWS::Lambda::EventSourceMapping").getKey()).get("DependsOn");
        assertTrue(list(dependsOn).contains(handle.getKey()), "DependsOn " + dependsOn);
    }

    @Test
    void functionRolesAreSeparateAssumableByLambdaOnlyAndCarryNoManagedPolicy() {
        String ingestRole = target(properties("IngestFunction").get("Role"));
        String trackerRole = target(properties("TrackerFunction").get("Role"));
        assertNotEquals(ingestRole, trackerRole);
        for (String role : List.of(ingestRole, trackerRole)) {
            Map<String, Object> properties = properties(role);
            assertFalse(properties.containsKey("ManagedPolicyArns"), role + ": " + properties.get("ManagedPolicyArns"));
            String trust = SynthesizedStack.toJson(properties.get("AssumeRolePolicyDocument"));
            assertTrue(trust.contains("\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}"), trust);
        }
    }
}
