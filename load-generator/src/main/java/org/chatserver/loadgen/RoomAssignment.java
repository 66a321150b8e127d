package org.chatserver.loadgen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which rooms each user of the {@code user-stream} scenario is a member of: every user in exactly
 * {@code roomsPerUser} different rooms, every room with as many members as any other (give or take
 * one), and the same answer for the same sizes on every run, so two runs (and the two endpoints of
 * one run) measure the same rooms.
 *
 * <p>Users pick in turn the rooms with the fewest members so far, ties broken by a fixed-seed
 * shuffle: a plain "user {@code u} takes rooms {@code u·k … u·k+k-1}" would give only
 * {@code rooms / gcd} distinct room sets, i.e. a few groups of users who share all their rooms,
 * which is not how people use chat and would let the server's fan-out be kinder than it is.
 */
public final class RoomAssignment {

    private static final long SEED = 0x5eed_11L;

    private final int rooms;
    private final List<int[]> roomsOfUser;
    private final List<int[]> membersOfRoom;

    private RoomAssignment(int rooms, List<int[]> roomsOfUser, List<int[]> membersOfRoom) {
        this.rooms = rooms;
        this.roomsOfUser = roomsOfUser;
        this.membersOfRoom = membersOfRoom;
    }

    /**
     * @throws IllegalArgumentException when a user would need more rooms than there are, or when
     *                                  some room would end up with fewer than two members (nobody
     *                                  to deliver its messages to)
     */
    public static RoomAssignment of(int users, int rooms, int roomsPerUser) {
        if (users < 1 || rooms < 1 || roomsPerUser < 1) {
            throw new IllegalArgumentException("users, rooms and rooms per user must be positive");
        }
        if (roomsPerUser > rooms) {
            throw new IllegalArgumentException("each user is in " + roomsPerUser + " rooms, but there are only " + rooms);
        }
        if ((long) users * roomsPerUser < 2L * rooms) {
            throw new IllegalArgumentException(users + " users in " + roomsPerUser + " rooms each leave some of the "
                    + rooms + " rooms with fewer than 2 members: users x rooms per user must be at least 2 x rooms");
        }
        Random random = new Random(SEED);
        int[] count = new int[rooms];
        List<Integer> order = new ArrayList<>(rooms);
        for (int r = 0; r < rooms; r++) {
            order.add(r);
        }
        List<int[]> roomsOfUser = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            Collections.shuffle(order, random);
            // stable: among rooms of equal size the shuffled order decides
            List<Integer> byFewest = new ArrayList<>(order);
            byFewest.sort(Comparator.comparingInt(r -> count[r]));
            int[] mine = new int[roomsPerUser];
            for (int j = 0; j < roomsPerUser; j++) {
                mine[j] = byFewest.get(j);
                count[mine[j]]++;
            }
            java.util.Arrays.sort(mine);
            roomsOfUser.add(mine);
        }
        List<int[]> membersOfRoom = new ArrayList<>(rooms);
        int[] filled = new int[rooms];
        for (int r = 0; r < rooms; r++) {
            membersOfRoom.add(new int[count[r]]);
        }
        for (int u = 0; u < users; u++) {
            for (int r : roomsOfUser.get(u)) {
                membersOfRoom.get(r)[filled[r]++] = u;
            }
        }
        return new RoomAssignment(rooms, List.copyOf(roomsOfUser), List.copyOf(membersOfRoom));
    }

    public int users() {
        return roomsOfUser.size();
    }

    public int rooms() {
        return rooms;
    }

    /** The rooms (0-based, ascending) user {@code user} is a member of. */
    public int[] roomsOf(int user) {
        return roomsOfUser.get(user).clone();
    }

    /** The members (user numbers, ascending) of room {@code room}. */
    public int[] membersOf(int room) {
        return membersOfRoom.get(room).clone();
    }

    public int memberCount(int room) {
        return membersOfRoom.get(room).length;
    }

    /** Member {@code index} (taken modulo the room's size) of room {@code room}. */
    public int member(int room, long index) {
        int[] members = membersOfRoom.get(room);
        return members[(int) (index % members.length)];
    }

    /** Receipts one message in room {@code room} should cause: every member but its sender. */
    public int recipientsPerMessage(int room) {
        return memberCount(room) - 1;
    }
}
