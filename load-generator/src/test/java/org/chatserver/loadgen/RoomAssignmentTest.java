package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoomAssignmentTest {

    @Test
    void everyUserIsInExactlyTheirNumberOfDifferentRooms() {
        RoomAssignment a = RoomAssignment.of(1_000, 100, 20);

        for (int u = 0; u < 1_000; u++) {
            int[] rooms = a.roomsOf(u);
            assertThat(rooms).hasSize(20).doesNotHaveDuplicates();
            assertThat(Arrays.stream(rooms)).allMatch(r -> r >= 0 && r < 100);
        }
    }

    @Test
    void everyRoomIsPopulatedEvenly() {
        RoomAssignment a = RoomAssignment.of(1_000, 100, 20);

        assertThat(IntStream.range(0, 100).map(a::memberCount)).containsOnly(200);
        RoomAssignment uneven = RoomAssignment.of(50, 10, 4);
        assertThat(IntStream.range(0, 10).map(uneven::memberCount)).containsOnly(20);
        RoomAssignment odd = RoomAssignment.of(7, 5, 3);
        assertThat(IntStream.range(0, 5).map(odd::memberCount)).allMatch(n -> n == 4 || n == 5);
        assertThat(IntStream.range(0, 5).map(odd::memberCount).sum()).isEqualTo(21);
    }

    @Test
    void membersOfARoomAreTheUsersWhoseRoomsIncludeIt() {
        RoomAssignment a = RoomAssignment.of(50, 10, 4);

        for (int r = 0; r < 10; r++) {
            int room = r;
            Set<Integer> expected = new HashSet<>();
            IntStream.range(0, 50).filter(u -> Arrays.stream(a.roomsOf(u)).anyMatch(x -> x == room))
                    .forEach(expected::add);
            assertThat(Arrays.stream(a.membersOf(r)).boxed()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(a.recipientsPerMessage(r)).isEqualTo(expected.size() - 1);
        }
        int[] members = a.membersOf(3);
        assertThat(a.member(3, members.length + 2)).isEqualTo(members[2]);
    }

    @Test
    void usersDoNotFallIntoGroupsThatShareAllTheirRooms() {
        RoomAssignment a = RoomAssignment.of(1_000, 100, 20);

        Set<String> distinctSets = new HashSet<>();
        for (int u = 0; u < 1_000; u++) {
            distinctSets.add(Arrays.toString(a.roomsOf(u)));
        }
        assertThat(distinctSets).hasSizeGreaterThan(990);
    }

    @Test
    void theSameSizesGiveTheSameAssignment() {
        RoomAssignment one = RoomAssignment.of(300, 40, 6);
        RoomAssignment two = RoomAssignment.of(300, 40, 6);

        for (int u = 0; u < 300; u++) {
            assertThat(two.roomsOf(u)).containsExactly(one.roomsOf(u));
        }
    }

    @Test
    void sizesThatCannotBeMetAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RoomAssignment.of(10, 5, 6)).hasMessageContaining("only 5");
        assertThatThrownBy(() -> RoomAssignment.of(10, 100, 4)).hasMessageContaining("fewer than 2 members");
    }

    @Test
    void impossibleSizesAreAUsageMistakeBeforeAnythingRuns() {
        try (RunContext ctx = new RunContext(
                Options.parse("user-stream", "--users=10", "--rooms=100", "--rooms-per-user=4"), System.out)) {
            assertThatThrownBy(() -> Scenarios.create("user-stream", ctx))
                    .isInstanceOf(Options.UsageException.class).hasMessageContaining("at least 2 x rooms");
        }
    }
}
