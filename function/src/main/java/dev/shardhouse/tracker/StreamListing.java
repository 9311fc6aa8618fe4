package dev.shardhouse.tracker;

import dev.shardhouse.checkpoint.StreamIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every shard ListShards returned for one stream incarnation, in listing order. */
public record StreamListing(StreamIdentity stream, List<ListedShard> shards) {

    public StreamListing {
        Objects.requireNonNull(stream, "stream");
        shards = List.copyOf(shards);
    }

    public Map<String, ListedShard> byId() {
        Map<String, ListedShard> byId = new LinkedHashMap<>();
        shards.forEach(shard -> byId.put(shard.shardId(), shard));
        return byId;
    }

    public int openShards() {
        return (int) shards.stream().filter(shard -> !shard.closed()).count();
    }

    public int closedShards() {
        return shards.size() - openShards();
    }

    /** Listed shards that name {@code shardId} as parent or adjacent parent. */
    public List<ListedShard> childrenOf(String shardId) {
        return shards.stream().filter(shard -> shard.isChildOf(shardId)).toList();
    }
}
