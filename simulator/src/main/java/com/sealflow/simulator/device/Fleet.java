package com.sealflow.simulator.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The virtual devices one simulator runs, by id. */
public final class Fleet implements AutoCloseable {

    private final Map<String, VirtualDevice> devices = new ConcurrentSkipListMap<>();

    public void add(VirtualDevice device) {
        if (devices.putIfAbsent(device.id(), device) != null) {
            throw new IllegalArgumentException("device " + device.id() + " already runs in this simulator");
        }
    }

    public Optional<VirtualDevice> get(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    public List<VirtualDevice> all() {
        return new ArrayList<>(devices.values());
    }

    public int size() {
        return devices.size();
    }

    @Override
    public void close() {
        for (VirtualDevice device : devices.values()) {
            device.close();
        }
        devices.clear();
    }
}
