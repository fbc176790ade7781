package dev.polymaker.polymarket.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SubscriptionFramesTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void initialFrameHasTypeMarketInitialDumpAndAllIds() {
        JsonNode node = mapper.readTree(SubscriptionFrames.initial(List.of("1", "2")));
        assertThat(node.get("type").stringValue()).isEqualTo("market");
        assertThat(node.get("initial_dump").booleanValue()).isTrue();
        assertThat(node.get("custom_feature_enabled").booleanValue()).isTrue();
        assertThat(node.get("assets_ids").values()).extracting(JsonNode::stringValue).containsExactly("1", "2");
        assertThat(node.has("operation")).isFalse();
    }

    @Test
    void operationFramesAreChunkedAt200IdsAndNeverCarryType() {
        List<String> ids = IntStream.range(0, 450).mapToObj(i -> "1000000000000000000000000000" + i).toList();
        List<String> frames = SubscriptionFrames.subscribe(ids);
        assertThat(frames).hasSize(3);
        int total = 0;
        for (String frame : frames) {
            JsonNode node = mapper.readTree(frame);
            assertThat(node.get("operation").stringValue()).isEqualTo("subscribe");
            assertThat(node.has("type")).isFalse();
            // Every (re)subscribe asks for the snapshot and the custom events again (protocol §9).
            assertThat(node.get("initial_dump").booleanValue()).isTrue();
            assertThat(node.get("custom_feature_enabled").booleanValue()).isTrue();
            assertThat(node.get("assets_ids").size()).isLessThanOrEqualTo(200);
            total += node.get("assets_ids").size();
        }
        assertThat(total).isEqualTo(450);
        JsonNode unsubscribe = mapper.readTree(SubscriptionFrames.unsubscribe(List.of("7")).get(0));
        assertThat(unsubscribe.get("operation").stringValue()).isEqualTo("unsubscribe");
        assertThat(unsubscribe.get("assets_ids").get(0).stringValue()).isEqualTo("7");
    }
}
