package dev.shardhouse.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CloudFormation intrinsics evaluated the way SAM CLI 1.164's {@code IntrinsicResolver} and
 * {@code IntrinsicsSymbolTable} evaluate them for {@code sam local invoke}: a parameter resolves to its override, else
 * its default, else its own name; pseudo parameters to SAM's fixed values; {@code Fn::GetAtt [X, Arn]} to a Lambda
 * function ARN whatever X is. A value SAM cannot resolve is empty, as SAM passes an unresolved intrinsic as "".
 */
final class SamIntrinsics {

    /** SAM's DEFAULT_PSEUDO_PARAM_VALUES. */
    private static final Map<String, String> PSEUDO = Map.of(
            "AWS::AccountId", "123456789012",
            "AWS::Partition", "aws",
            "AWS::Region", "us-east-1",
            "AWS::StackName", "local",
            "AWS::URLSuffix", "amazonaws.com");

    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, String> overrides;

    /** @param overrides parameter values as {@code --parameter-overrides} gives them */
    SamIntrinsics(Map<String, Object> template, Map<String, String> overrides) {
        this.parameters = section(template, "Parameters");
        this.conditions = section(template, "Conditions");
        this.overrides = Map.copyOf(overrides);
    }

    /** The value as a string, as SAM's EnvironmentVariables stringifies it; empty when it cannot be resolved. */
    String asString(Object value) {
        return evaluate(value).map(String::valueOf).orElse("");
    }

    @SuppressWarnings("unchecked")
    private Optional<Object> evaluate(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.ofNullable(value);
        }
        if (map.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<String, Object> function = ((Map<String, Object>) map).entrySet().iterator().next();
        Object argument = function.getValue();
        return switch (function.getKey()) {
            case "Ref" -> ref((String) argument);
            case "Fn::GetAtt" -> "Arn".equals(((List<Object>) argument).get(1))
                    ? Optional.of(lambdaArn((String) ((List<Object>) argument).get(0)))
                    : Optional.empty();
            case "Fn::If" -> {
                List<Object> branches = (List<Object>) argument;
                yield evaluate(condition((String) branches.get(0)) ? branches.get(1) : branches.get(2));
            }
            case "Fn::Join" -> join((List<Object>) argument);
            case "Fn::Select" -> select((List<Object>) argument);
            case "Fn::Split" -> {
                List<Object> split = (List<Object>) argument;
                yield evaluate(split.get(1)).map(text -> List.of(String.valueOf(text)
                        .split(Pattern.quote((String) split.get(0)), -1)));
            }
            default -> Optional.empty();
        };
    }

    /** SAM's arn_resolver: every resource's Arn is a Lambda function's, named after the logical id. */
    private static String lambdaArn(String logicalId) {
        return "arn:" + PSEUDO.get("AWS::Partition") + ":lambda:" + PSEUDO.get("AWS::Region") + ":"
                + PSEUDO.get("AWS::AccountId") + ":function:" + logicalId;
    }

    private Optional<Object> ref(String name) {
        if (PSEUDO.containsKey(name)) {
            return Optional.of(PSEUDO.get(name));
        }
        if ("AWS::NoValue".equals(name)) {
            return Optional.empty();
        }
        if (overrides.containsKey(name)) {
            return Optional.of(overrides.get(name));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parameter = (Map<String, Object>) parameters.get(name);
        // SAM's common attribute resolver turns any other Ref (a parameter without default, a resource) into its name.
        return Optional.of(parameter != null && parameter.containsKey("Default") ? parameter.get("Default") : name);
    }

    private Optional<Object> join(List<Object> argument) {
        List<String> parts = new ArrayList<>();
        for (Object part : listOf(argument.get(1))) {
            Optional<Object> resolved = evaluate(part);
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            parts.add(String.valueOf(resolved.get()));
        }
        return Optional.of(String.join((String) argument.get(0), parts));
    }

    private Optional<Object> select(List<Object> argument) {
        int index = Integer.parseInt(String.valueOf(argument.get(0)));
        List<Object> items = listOf(evaluate(argument.get(1)).orElse(List.of()));
        return index < items.size() ? evaluate(items.get(index)) : Optional.empty();
    }

    private boolean condition(String name) {
        return truth(conditions.get(name));
    }

    @SuppressWarnings("unchecked")
    private boolean truth(Object expression) {
        Map.Entry<String, Object> function = ((Map<String, Object>) expression).entrySet().iterator().next();
        List<Object> arguments = function.getValue() instanceof List<?> list ? (List<Object>) list : List.of();
        return switch (function.getKey()) {
            case "Condition" -> condition((String) function.getValue());
            case "Fn::Equals" -> asString(arguments.get(0)).equals(asString(arguments.get(1)));
            case "Fn::Not" -> !truth(arguments.get(0));
            case "Fn::And" -> arguments.stream().allMatch(this::truth);
            case "Fn::Or" -> arguments.stream().anyMatch(this::truth);
            default -> throw new IllegalArgumentException("not a condition: " + expression);
        };
    }

    @SuppressWarnings("unchecked")
    private List<Object> listOf(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> template, String name) {
        return (Map<String, Object>) template.getOrDefault(name, Map.of());
    }
}
