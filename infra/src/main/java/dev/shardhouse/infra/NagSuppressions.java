package dev.shardhouse.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Reasoned exceptions to AWS's rule packs, each next to the resource it concerns. Written as the {@code cdk_nag}
 * metadata that cdk-nag reads (and CloudFormation ignores), so the app does not depend on cdk-nag; CdkNagTest runs the
 * packs and fails on any finding left unexplained.
 */
final class NagSuppressions {

    private static final String KEY = "cdk_nag";

    private NagSuppressions() {
    }

    /** @param construct an L1 resource, or an L2 construct whose default child is one */
    @SuppressWarnings("unchecked")
    static void suppress(IConstruct construct, String rule, String reason) {
        CfnResource resource = construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
        Object existing = resource.getMetadata(KEY);
        List<Object> rules = new ArrayList<>();
        if (existing instanceof Map<?, ?> map && map.get("rules_to_suppress") instanceof List<?> list) {
            rules.addAll(list);
        }
        Map<String, Object> suppression = new LinkedHashMap<>();
        suppression.put("id", rule);
        suppression.put("reason", reason);
        rules.add(suppression);
        resource.addMetadata(KEY, Map.of("rules_to_suppress", rules));
    }
}
