package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.shardhouse.infra.EventSourceMappingTest.condition;
import static dev.shardhouse.infra.EventSourceMappingTest.ifBranches;
import static dev.shardhouse.infra.SynthesizedStack.getAtt;
import static dev.shardhouse.infra.SynthesizedStack.list;
import static dev.shardhouse.infra.SynthesizedStack.onlyResource;
import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.resource;
import static dev.shardhouse.infra.SynthesizedStack.resources;
import static dev.shardhouse.infra.SynthesizedStack.section;
import static dev.shardhouse.infra.SynthesizedStack.target;
import static dev.shardhouse.infra.SynthesizedStack.toJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EnhancedFanOut: a consumer of the stream, read by the mapping, with its two actions granted on it alone. */
class StreamConsumerTest {

    private static final Map<String, Object> FAN_OUT = Map.of("Fn::Equals", List.of(ref("EnhancedFanOut"), "true"));

    private static Map.Entry<String, Map<String, Object>> consumer() {
        return onlyResource("AWS::Kinesis::StreamConsumer");
    }

    private static Object mappingSource() {
        return properties(onlyResource("AWS::Lambda::EventSourceMapping").getKey()).get("EventSourceArn");
    }

    @Test
    void aConsumerOfTheStreamIsRegisteredOnlyWithEnhancedFanOut() {
        Map.Entry<String, Map<String, Object>> consumer = consumer();
        assertEquals(FAN_OUT, section("Conditions").get(consumer.getValue().get("Condition")));
        Map<String, Object> properties = properties(consumer.getKey());
        assertEquals(IamPolicyTest.streamArn(), properties.get("StreamARN"));
        assertEquals(Map.of("Fn::Join", List.of("-", List.of(ref("AWS::StackName"), "IngestFunction"))),
                properties.get("ConsumerName"));
    }

    @Test
    void theMappingReadsTheConsumerWithEnhancedFanOutElseTheStream() {
        Object source = mappingSource();
        assertEquals(FAN_OUT, condition(source));
        assertEquals(List.of(getAtt(consumer().getKey(), "ConsumerARN"), IamPolicyTest.streamArn()), ifBranches(source));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theIngestRoleMaySubscribeToAndDescribeThatConsumerOnly() {
        String consumer = consumer().getKey();
        List<Map.Entry<String, Map<String, Object>>> grants = resources("AWS::IAM::Policy").entrySet().stream()
                .filter(p -> toJson(p.getValue()).contains("kinesis:SubscribeToShard"))
                .toList();
        assertEquals(1, grants.size(), "policies granting SubscribeToShard");
        Map<String, Object> policy = grants.get(0).getValue();
        assertEquals(FAN_OUT, section("Conditions").get(policy.get("Condition")));
        Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
        assertEquals(List.of(ref(target(properties("IngestFunction").get("Role")))), properties.get("Roles"));
        List<Object> statements = list(((Map<String, Object>) properties.get("PolicyDocument")).get("Statement"));
        assertEquals(1, statements.size());
        Map<String, Object> statement = (Map<String, Object>) statements.get(0);
        assertEquals(Set.of("kinesis:SubscribeToShard", "kinesis:DescribeStreamConsumer"), Set.copyOf(list(statement.get("Action"))));
        assertEquals(getAtt(consumer, "ConsumerARN"), statement.get("Resource"));

        // Created before the mapping, which Lambda checks at creation.
        String handle = resources("AWS::CloudFormation::WaitConditionHandle").entrySet().stream()
                .filter(h -> toJson(h.getValue().get("Metadata")).contains("{\"Ref\":\"" + grants.get(0).getKey() + "\"}"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        List<Object> dependsOn = list(resource(onlyResource("AWS::Lambda::EventSourceMapping").getKey()).get("DependsOn"));
        assertTrue(dependsOn.contains(handle), "DependsOn " + dependsOn);
    }
}
