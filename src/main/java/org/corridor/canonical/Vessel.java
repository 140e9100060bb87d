package org.corridor.canonical;

/** A ship and its voyage. */
public record Vessel(String name, String imo, String voyage) {}
