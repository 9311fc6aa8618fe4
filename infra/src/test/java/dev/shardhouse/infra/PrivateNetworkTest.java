package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

import static dev.shardhouse.infra.SynthesizedStack.list;
import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.resource;
import static dev.shardhouse.infra.SynthesizedStack.resources;
import static dev.shardhouse.infra.SynthesizedStack.section;
import static dev.shardhouse.infra.SynthesizedStack.target;
import static dev.shardhouse.infra.SynthesizedStack.toJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SubnetIds and SecurityGroupIds: both functions in a VPC, with the EC2 permissions that needs, or nothing at all. */
class PrivateNetworkTest {

    private static final Map<String, Object> IN_VPC =
            Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Fn::Join", List.of("", ref("SubnetIds"))), ""))));

    /** The policy granting the network interface actions, by logical id. */
    static Map.Entry<String, Map<String, Object>> interfacesPolicy() {
        List<Map.Entry<String, Map<String, Object>>> found = resources("AWS::IAM::Policy").entrySet().stream()
                .filter(p -> toJson(p.getValue()).contains("ec2:CreateNetworkInterface"))
                .toList();
        assertEquals(1, found.size(), "policies granting ec2:CreateNetworkInterface");
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ifArguments(Object fnIf) {
        return (List<Object>) ((Map<String, Object>) fnIf).get("Fn::If");
    }

    @ParameterizedTest
    @CsvSource({"IngestFunction", "TrackerFunction"})
    void bothFunctionsRunInTheSubnetsOnlyWhenSubnetsAreGiven(String function) {
        List<Object> vpcConfig = ifArguments(properties(function).get("VpcConfig"));
        assertEquals(IN_VPC, section("Conditions").get(vpcConfig.get(0)));
        assertEquals(Map.of("SubnetIds", ref("SubnetIds"), "SecurityGroupIds", ref("SecurityGroupIds")), vpcConfig.get(1));
        assertEquals(ref("AWS::NoValue"), vpcConfig.get(2), "without subnets the property is absent, as before");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRolesMayManageNetworkInterfacesInThisAccountAndRegionOnlyInAVpc() {
        Map.Entry<String, Map<String, Object>> policy = interfacesPolicy();
        assertEquals(IN_VPC, section("Conditions").get(policy.getValue().get("Condition")));
        Map<String, Object> properties = (Map<String, Object>) policy.getValue().get("Properties");
        assertEquals(List.of(ref(target(properties("IngestFunction").get("Role"))),
                ref(target(properties("TrackerFunction").get("Role")))), properties.get("Roles"));
        List<Object> statements = list(((Map<String, Object>) properties.get("PolicyDocument")).get("Statement"));
        assertEquals(2, statements.size(), statements.toString());
        Map<String, Object> describe = (Map<String, Object>) statements.get(0);
        assertEquals(Set.copyOf(PrivateNetwork.DESCRIBE_ACTIONS), Set.copyOf(list(describe.get("Action"))));
        assertEquals("*", describe.get("Resource"));
        Map<String, Object> manage = (Map<String, Object>) statements.get(1);
        assertEquals(Set.copyOf(PrivateNetwork.INTERFACE_ACTIONS), Set.copyOf(list(manage.get("Action"))));
        List<Object> arns = list(manage.get("Resource"));
        assertEquals(3, arns.size());
        for (Object arn : arns) {
            String json = toJson(arn);
            assertTrue(json.contains("{\"Ref\":\"AWS::Region\"}") && json.contains("{\"Ref\":\"AWS::AccountId\"}"), json);
        }
        assertTrue(toJson(arns).contains(":network-interface/*") && toJson(arns).contains(":subnet/*")
                && toJson(arns).contains(":security-group/*"), toJson(arns));
    }

    @ParameterizedTest
    @CsvSource({"IngestFunction", "TrackerFunction"})
    @SuppressWarnings("unchecked")
    void eachFunctionIsCreatedOnceItsRoleMayCreateItsNetworkInterfaces(String function) {
        String policy = interfacesPolicy().getKey();
        String handle = resources("AWS::CloudFormation::WaitConditionHandle").entrySet().stream()
                .filter(h -> toJson(h.getValue().get("Metadata")).contains("{\"Ref\":\"" + policy + "\"}"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<Object> dependsOn = list(resource(function).get("DependsOn"));
        assertTrue(dependsOn.contains(handle), function + " DependsOn " + dependsOn);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SubnetIds, subnet-0123abcd, subnet-0123456789abcdef0, sg-0123abcd",
            "SecurityGroupIds, sg-0123abcd, sg-0123456789abcdef0, subnet-0123abcd"})
    @SuppressWarnings("unchecked")
    void listsOfIdsThatDefaultToEmpty(String name, String shortId, String longId, String otherKind) {
        Map<String, Object> parameter = (Map<String, Object>) section("Parameters").get(name);
        assertEquals("CommaDelimitedList", parameter.get("Type"));
        assertEquals("", parameter.get("Default"));
        // CloudFormation matches the pattern against each entry of the list.
        Pattern entry = Pattern.compile((String) parameter.get("AllowedPattern"));
        assertTrue(entry.matcher("").matches(), "the default's one entry");
        assertTrue(entry.matcher(shortId).matches() && entry.matcher(longId).matches());
        assertFalse(entry.matcher(otherKind).matches());
        assertFalse(entry.matcher(shortId + " ").matches());
    }

    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource({"SubnetsNeedSecurityGroups, SubnetIds, SecurityGroupIds",
            "SecurityGroupsNeedSubnets, SecurityGroupIds, SubnetIds"})
    @SuppressWarnings("unchecked")
    void oneWithoutTheOtherIsRefusedAtDeployTimeNamingTheMissingParameter(String ruleId, String given, String needed) {
        Map<String, Object> rule = (Map<String, Object>) section("Rules").get(ruleId);
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::EachMemberEquals", List.of(ref(given), "")))),
                rule.get("RuleCondition"));
        Map<String, Object> assertion = ((List<Map<String, Object>>) rule.get("Assertions")).get(0);
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Contains", List.of(ref(needed), "")))), assertion.get("Assert"));
        assertTrue(((String) assertion.get("AssertDescription")).startsWith(given + " needs " + needed),
                (String) assertion.get("AssertDescription"));
    }

    @Test
    void theConstructRefusesSubnetsWithoutSecurityGroupsAndTheReverse() {
        IllegalArgumentException subnetsOnly = assertThrows(IllegalArgumentException.class,
                () -> new PrivateNetwork.Props(List.of("subnet-0123abcd"), List.of()));
        assertTrue(subnetsOnly.getMessage().startsWith("subnetIds given without securityGroupIds"), subnetsOnly.getMessage());
        IllegalArgumentException groupsOnly = assertThrows(IllegalArgumentException.class,
                () -> new PrivateNetwork.Props(List.of(), List.of("sg-0123abcd")));
        assertTrue(groupsOnly.getMessage().startsWith("securityGroupIds given without subnetIds"), groupsOnly.getMessage());
    }

    @Test
    void aPipelineWithoutANetworkHasNoTraceOfOne() {
        Template template = pipeline(ShardhousePipeline.Props.builder(code(), clickHouse(), "orders"));
        String json = toJson(template.toJSON());
        assertFalse(json.contains("VpcConfig"), "VpcConfig");
        assertFalse(json.contains("ec2:"), "EC2 permissions");
        assertFalse(json.contains("SubnetIds"), "subnets");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPipelineWithPlainIdsPlacesBothFunctions() {
        Template template = pipeline(ShardhousePipeline.Props.builder(code(), clickHouse(), "orders")
                .network(new PrivateNetwork.Props(List.of("subnet-0123abcd", "subnet-4567abcd"), List.of("sg-0123abcd"))));
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function");
        assertEquals(2, functions.size());
        for (Map<String, Object> function : functions.values()) {
            List<Object> vpcConfig = ifArguments(((Map<String, Object>) function.get("Properties")).get("VpcConfig"));
            assertEquals(Map.of("SubnetIds", List.of("subnet-0123abcd", "subnet-4567abcd"),
                    "SecurityGroupIds", List.of("sg-0123abcd")), vpcConfig.get(1));
        }
    }

    private static Template pipeline(ShardhousePipeline.Builder builder) {
        App app = SynthesizedStack.app();
        Stack stack = new Stack(app, "TeamStack");
        new ShardhousePipeline(stack, "Orders", builder.existingStream("arn:aws:kinesis:eu-west-1:123456789012:stream/orders")
                .build("Orders"));
        return Template.fromStack(stack);
    }

    private static Code code() {
        return Code.fromAsset(SynthesizedStack.standInJar().toString());
    }

    private static ClickHouseConnection clickHouse() {
        return new ClickHouseConnection("https://ch.example.com:8443", "false", "ingest",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ch-AbC123", "analytics");
    }
}
