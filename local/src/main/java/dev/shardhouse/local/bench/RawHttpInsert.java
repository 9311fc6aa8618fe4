package dev.shardhouse.local.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The physical limit of the insert path: the batch's JSON documents, joined into a JSONEachRow body before timing,
 * POSTed in one request to ClickHouse's HTTP interface, which does all the parsing. It carries an
 * {@code insert_deduplication_token} like the handler's inserts, so the server does the same deduplication work.
 */
final class RawHttpInsert implements Contender {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String clickHouseUrl;
    private final String database;
    private final String table;

    RawHttpInsert(String clickHouseUrl, String database, String table) {
        this.clickHouseUrl = clickHouseUrl;
        this.database = database;
        this.table = table;
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public Run prepare(Batch batch) {
        HttpRequest request = HttpRequest.newBuilder(uri("raw-" + batch.sequenceNumbers().get(0)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonEachRow(batch)))
                .build();
        return () -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("raw insert into " + table + " failed: HTTP " + response.statusCode()
                        + " " + response.body());
            }
        };
    }

    private URI uri(String token) {
        return URI.create(clickHouseUrl + "/?database=" + encode(database)
                + "&insert_deduplication_token=" + encode(token)
                + "&query=" + encode("INSERT INTO `" + table + "` FORMAT JSONEachRow"));
    }

    private static byte[] jsonEachRow(Batch batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) batch.payloadBytes() + batch.size());
        for (byte[] record : batch.records()) {
            body.writeBytes(record);
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
