package org.chatserver.bootstrap.architecture.violations.application.port.in;

import org.chatserver.bootstrap.architecture.violations.application.port.out.SomeRepository;
import org.chatserver.bootstrap.architecture.violations.application.service.SomeService;

/** Breaks "in-ports do not depend on out-ports" and "ports do not depend on services". */
public interface UseCaseLeakingPorts {

    SomeRepository repository();

    SomeService service();
}
