package dev.shardhouse.infra;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.shardhouse.infra.EventSourceMappingTest.condition;
import static dev.shardhouse.infra.EventSourceMappingTest.ifBranches;
import static dev.shardhouse.infra.SynthesizedStack.getAtt;
import static dev.shardhouse.infra.SynthesizedStack.onlyResource;
import static dev.shardhouse.infra.SynthesizedStack.properties;
import static dev.shardhouse.infra.SynthesizedStack.ref;
import static dev.shardhouse.infra.SynthesizedStack.section;
import static dev.shardhouse.infra.SynthesizedStack.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** IngestSnapStart: a published version with SnapStart, invoked by the mapping through an alias; else as before. */
class SnapStartTest {

    private static final Map<String, Object> SNAP_START = Map.of("Fn::Equals", List.of(ref("IngestSnapStart"), "true"));

    @Test
    void theIngestFunctionSnapshotsPublishedVersionsOnlyWithSnapStart() {
        Object snapStart = properties("IngestFunction").get("SnapStart");
        assertEquals(SNAP_START, condition(snapStart));
        assertEquals(List.of(Map.of("ApplyOn", "PublishedVersions"), ref("AWS::NoValue")), ifBranches(snapStart));
        assertFalse(properties("TrackerFunction").containsKey("SnapStart"), "the tracker runs once a minute at most");
    }

    @Test
    void aVersionAndAnAliasExistOnlyWithSnapStart() {
        Map.Entry<String, Map<String, Object>> version = onlyResource("AWS::Lambda::Version");
        assertEquals(SNAP_START, section("Conditions").get(version.getValue().get("Condition")));
        assertEquals(ref("IngestFunction"), properties(version.getKey()).get("FunctionName"));

        Map.Entry<String, Map<String, Object>> alias = onlyResource("AWS::Lambda::Alias");
        assertEquals(SNAP_START, section("Conditions").get(alias.getValue().get("Condition")));
        Map<String, Object> properties = properties(alias.getKey());
        assertEquals(IngestFunction.SNAPSHOT_ALIAS, properties.get("Name"));
        assertEquals(getAtt(version.getKey(), "Version"), properties.get("FunctionVersion"));
    }

    @Test
    void theMappingInvokesTheAliasWithSnapStartElseTheFunction() {
        Object function = properties(onlyResource("AWS::Lambda::EventSourceMapping").getKey()).get("FunctionName");
        assertEquals(SNAP_START, condition(function));
        List<Object> branches = ifBranches(function);
        assertEquals(onlyResource("AWS::Lambda::Alias").getKey(), target(branches.get(0)));
        assertEquals(ref("IngestFunction"), branches.get(1));
    }
}
