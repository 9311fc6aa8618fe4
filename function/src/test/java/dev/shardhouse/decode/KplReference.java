package dev.shardhouse.decode;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent reading of a KPL {@code AggregatedRecord}: protobuf-java parses it from the message definitions of
 * aggregation-format.md, then the decoder's documented rules (at least one record, every key index inside its
 * table) are applied to what it parsed. The oracle of {@link RecordDecoderFuzzTest}.
 *
 * <p>{@code Record.tags} (field 4) is left out of the definition: the decoder does not read tags, and protobuf skips
 * an undefined field exactly as the decoder skips one it does not use.
 */
final class KplReference {

    /** One user record as the reference read it. */
    record UserData(String partitionKey, byte[] data) {
    }

    private static final Descriptor AGGREGATED_RECORD;
    private static final FieldDescriptor PARTITION_KEY_TABLE;
    private static final FieldDescriptor EXPLICIT_HASH_KEY_TABLE;
    private static final FieldDescriptor RECORDS;
    private static final FieldDescriptor PARTITION_KEY_INDEX;
    private static final FieldDescriptor EXPLICIT_HASH_KEY_INDEX;
    private static final FieldDescriptor DATA;

    static {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("kpl_aggregation.proto")
                .setSyntax("proto2")
                .addMessageType(DescriptorProto.newBuilder().setName("AggregatedRecord")
                        .addField(field("partition_key_table", 1, Label.LABEL_REPEATED, Type.TYPE_STRING))
                        .addField(field("explicit_hash_key_table", 2, Label.LABEL_REPEATED, Type.TYPE_STRING))
                        .addField(field("records", 3, Label.LABEL_REPEATED, Type.TYPE_MESSAGE).setTypeName("Record")))
                .addMessageType(DescriptorProto.newBuilder().setName("Record")
                        .addField(field("partition_key_index", 1, Label.LABEL_REQUIRED, Type.TYPE_UINT64))
                        .addField(field("explicit_hash_key_index", 2, Label.LABEL_OPTIONAL, Type.TYPE_UINT64))
                        .addField(field("data", 3, Label.LABEL_REQUIRED, Type.TYPE_BYTES)))
                .build();
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, new FileDescriptor[0]);
            AGGREGATED_RECORD = file.findMessageTypeByName("AggregatedRecord");
            Descriptor record = file.findMessageTypeByName("Record");
            PARTITION_KEY_TABLE = AGGREGATED_RECORD.findFieldByNumber(1);
            EXPLICIT_HASH_KEY_TABLE = AGGREGATED_RECORD.findFieldByNumber(2);
            RECORDS = AGGREGATED_RECORD.findFieldByNumber(3);
            PARTITION_KEY_INDEX = record.findFieldByNumber(1);
            EXPLICIT_HASH_KEY_INDEX = record.findFieldByNumber(2);
            DATA = record.findFieldByNumber(3);
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KplReference() {
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Label label, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setLabel(label).setType(type);
    }

    /** The user records of an {@code AggregatedRecord} message (no magic, no MD5), or null if it has none valid. */
    static List<UserData> read(byte[] message) {
        DynamicMessage aggregate;
        try {
            aggregate = DynamicMessage.parseFrom(AGGREGATED_RECORD, message);
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        int keys = aggregate.getRepeatedFieldCount(PARTITION_KEY_TABLE);
        int hashKeys = aggregate.getRepeatedFieldCount(EXPLICIT_HASH_KEY_TABLE);
        int count = aggregate.getRepeatedFieldCount(RECORDS);
        if (count == 0) {
            return null;
        }
        List<UserData> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DynamicMessage record = (DynamicMessage) aggregate.getRepeatedField(RECORDS, i);
            long keyIndex = (Long) record.getField(PARTITION_KEY_INDEX);
            if (!inTable(keyIndex, keys) || record.hasField(EXPLICIT_HASH_KEY_INDEX)
                    && !inTable((Long) record.getField(EXPLICIT_HASH_KEY_INDEX), hashKeys)) {
                return null;
            }
            records.add(new UserData((String) aggregate.getRepeatedField(PARTITION_KEY_TABLE, (int) keyIndex),
                    ((ByteString) record.getField(DATA)).toByteArray()));
        }
        return records;
    }

    /** uint64 indexes above 2^63 arrive negative, and are out of every table. */
    private static boolean inTable(long index, int size) {
        return index >= 0 && index < size;
    }
}
