package org.chatserver.adapter.rest;

import org.chatserver.adapter.wire.WireTime;
import org.mapstruct.MapperConfig;
import org.mapstruct.ReportingPolicy;

/**
 * Shared settings of every DTO mapper: a DTO component nobody maps would go out on the wire as
 * {@code null}, so it fails the build instead; timestamps always go through {@link WireTime}.
 */
@MapperConfig(unmappedTargetPolicy = ReportingPolicy.ERROR, uses = WireTime.class)
public interface RestMapperConfig {
}
