package io.ringstore.transport;

import io.ringstore.engine.Engine;

/** What every connection handler shares: the engine. Immutable. */
final class ServerResources {
    final Engine engine;

    ServerResources(Engine engine) {
        this.engine = engine;
    }
}
