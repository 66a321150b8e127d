package org.chatserver.adapter.fanout.local;

import org.chatserver.application.contract.UserEventsContract;
import org.chatserver.application.port.out.user.UserEvents;

class LocalUserEventsTest extends UserEventsContract {

    private final LocalUserEvents events = new LocalUserEvents();

    @Override
    protected UserEvents publisher() {
        return events;
    }

    @Override
    protected UserEvents receiver() {
        return events;
    }
}
