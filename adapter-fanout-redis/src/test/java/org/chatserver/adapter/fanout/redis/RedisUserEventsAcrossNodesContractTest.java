package org.chatserver.adapter.fanout.redis;

import org.chatserver.application.contract.UserEventsContract;
import org.chatserver.application.port.out.user.UserEvents;
import org.junit.jupiter.api.AfterEach;

/** Users' events published on one node reach the user's subscribers on another, through Redis alone. */
class RedisUserEventsAcrossNodesContractTest extends UserEventsContract {

    private final RedisFanoutProperties properties = TestRedis.isolatedProperties();
    private final RedisUserEvents nodeA = RedisUserEvents.connect(properties);
    private final RedisUserEvents nodeB = RedisUserEvents.connect(properties);

    @Override
    protected UserEvents publisher() {
        return nodeA;
    }

    @Override
    protected UserEvents receiver() {
        return nodeB;
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }
}
