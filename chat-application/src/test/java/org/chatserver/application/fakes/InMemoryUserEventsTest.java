package org.chatserver.application.fakes;

import org.chatserver.application.contract.UserEventsContract;
import org.chatserver.application.port.out.user.UserEvents;

class InMemoryUserEventsTest extends UserEventsContract {

    private final InMemoryUserEvents events = new InMemoryUserEvents();

    @Override
    protected UserEvents publisher() {
        return events;
    }

    @Override
    protected UserEvents receiver() {
        return events;
    }
}
