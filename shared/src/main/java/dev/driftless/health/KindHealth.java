package dev.driftless.health;

/** The health rule of one kind of object. */
@FunctionalInterface
interface KindHealth {

  Health assess(LiveObject live);
}
