package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void payloadRoundTripsThroughMessageText() {
        String text = new Payload(42, 123_456_789_012L).encode(100);

        assertThat(text).hasSize(100).startsWith("lg1:42:123456789012:");
        assertThat(Payload.decode(text)).isEqualTo(new Payload(42, 123_456_789_012L));
        assertThat(Payload.decode(new Payload(7, -3).encode(0))).isEqualTo(new Payload(7, -3));
    }

    @Test
    void textsOfOtherClientsAreNotPayloads() {
        assertThat(Payload.decode("hello")).isNull();
        assertThat(Payload.decode("lg1:12")).isNull();
        assertThat(Payload.decode("lg1:x:y:")).isNull();
        assertThat(Payload.decode(null)).isNull();
    }

    @Test
    void clientIdNamesTheRunAndTheMessage() {
        String id = Payload.clientId("ab12", 99);

        assertThat(Payload.seqOfClientId("ab12", id)).isEqualTo(99);
        assertThat(Payload.seqOfClientId("other", id)).isEqualTo(-1);
        assertThat(Payload.seqOfClientId("ab12", "lg-ab12-probe")).isEqualTo(-1);
        assertThat(Payload.seqOfClientId("ab12", null)).isEqualTo(-1);
    }

    @Test
    void framesYieldTheKeysTheToolReads() {
        Frame message = Frame.parse("{\"type\":\"message\",\"message_id\":17,\"room_id\":3,\"sender\":\"a\","
                + "\"message\":\"lg1:1:2:\",\"file_url\":null,\"reactions\":[{\"reaction_type\":\"x\",\"users\":[\"a\"]}],"
                + "\"user_reaction\":null}");
        Frame ack = Frame.parse("{\"type\":\"ack\",\"message_id\":18,\"client_id\":\"lg-a-5\",\"room_id\":3}");

        assertThat(message).isEqualTo(new Frame("message", "lg1:1:2:", null, 17));
        assertThat(ack).isEqualTo(new Frame("ack", null, "lg-a-5", 18));
    }

    @Test
    void anythingButAJsonObjectWithATypeIsNoFrame() {
        assertThat(Frame.parse("not json")).isNull();
        assertThat(Frame.parse("[1,2]")).isNull();
        assertThat(Frame.parse("{\"message\":\"x\"}")).isNull();
        assertThat(Frame.parse("{\"type\":\"message\"")).isNull();
    }

    @Test
    void messageFramesAreValidJson() throws Exception {
        String frame = RoomLoad.messageFrame("lg1:1:2:...", "lg-t-1");
        var node = tools.jackson.databind.json.JsonMapper.builder().build().readTree(frame);

        assertThat(node.get("type").asString()).isEqualTo("message");
        assertThat(node.get("content").asString()).isEqualTo("lg1:1:2:...");
        assertThat(node.get("client_id").asString()).isEqualTo("lg-t-1");
    }

    @Test
    void webSocketAddressFollowsTheBaseUrl() {
        assertThat(ChatConnection.webSocketUri(URI.create("http://127.0.0.1:8000"), "12", "a.b+c"))
                .hasToString("ws://127.0.0.1:8000/ws/chat/12?token=a.b%2Bc");
        assertThat(ChatConnection.webSocketUri(URI.create("https://chat.example/base/"), "General Room", "t"))
                .hasToString("wss://chat.example/base/ws/chat/General%20Room?token=t");
    }

    @Test
    void processCpuIsUserPlusSystemTicksWhateverTheCommandName() {
        String stat = "4242 (java (relay) x) S 1 4242 1 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 30 0 500 0 0";

        assertThat(ProcStatus.parseCpuSeconds(stat)).isEqualTo(18.0);
        assertThat(ProcStatus.cpuSeconds(ProcessHandle.current().pid())).isPositive();
    }

    @Test
    void rssComesFromVmRssInKilobytes() {
        assertThat(ProcStatus.parseRss(List.of("Name:\tjava", "VmRSS:\t  204800 kB", "Threads: 40")))
                .isEqualTo(204_800L * 1024);
        assertThat(ProcStatus.parseRss(List.of("Name:\tjava"))).isEqualTo(-1);
        assertThat(ProcStatus.openFilesLimit("self")).isPositive();
    }
}
