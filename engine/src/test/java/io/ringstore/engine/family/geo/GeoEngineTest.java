package io.ringstore.engine.family.geo;

import io.ringstore.engine.testing.FamilyEngineTest;

/**
 * Shared set-up of the geo family's engine tests: a real EmbeddedEngine on a manual
 * clock. The expected replies in the tests were taken from redis-server 7.0.15 for the same
 * commands (FLUSHALL between groups).
 */
abstract class GeoEngineTest extends FamilyEngineTest {
}
