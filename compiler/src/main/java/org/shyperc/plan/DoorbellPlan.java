package org.shyperc.plan;

/**
 * One direction of a doorbell: VM {@code from} may ring VM {@code to}, which takes virtual SPI {@code irq}.
 * {@code id} is its index in {@link Plan#doorbells()} (the number the sender rings it by); {@code shared} names the
 * region it belongs to.
 */
public record DoorbellPlan(int id, String shared, String from, String to, int irq) { }
