package com.sealflow.agent.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.sealflow.agent.config.AgentConfig.GpioPins;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * GPIO through Pi4J 2. Door sensor: HIGH = open (reed switch to ground, pull-up). Slot sensor: HIGH = seal
 * present. Relay/LED/buzzer: HIGH = on. On a machine that is not a Pi, {@link #mock} builds the same board
 * on Pi4J's mock platform; {@link #simulateDoor}/{@link #simulateSlot} then drive its inputs.
 */
public final class Pi4jGpioBoard implements GpioBoard {

    private final Context pi4j;
    private final boolean mock;
    private final DigitalOutput relay;
    private final DigitalOutput led;
    private final DigitalOutput buzzer;
    private final DigitalInput door;
    private final List<DigitalInput> slots = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private Pi4jGpioBoard(Context pi4j, boolean mock, GpioPins pins) {
        this.pi4j = pi4j;
        this.mock = mock;
        this.relay = output("lock-relay", pins.lock());
        this.led = output("led", pins.led());
        this.buzzer = output("buzzer", pins.buzzer());
        this.door = input("door", pins.door());
        if (door != null) {
            door.addListener(e -> listeners.forEach(l -> l.doorChanged(e.state() == DigitalState.HIGH)));
        }
        for (int i = 0; i < pins.slots().size(); i++) {
            int slot = i + 1;
            DigitalInput in = input("slot-" + slot, pins.slots().get(i));
            slots.add(in);
            if (in != null) {
                in.addListener(e -> listeners.forEach(l -> l.slotChanged(slot, e.state() == DigitalState.HIGH)));
            }
        }
    }

    /** Real pins: Pi4J picks the Raspberry Pi (pigpio) or gpiod provider it finds. */
    public static Pi4jGpioBoard real(GpioPins pins) {
        return new Pi4jGpioBoard(Pi4J.newContextBuilder().autoDetect().setShutdownHook(false).build(), false, pins);
    }

    /** Pi4J's mock platform: same code path, inputs driven by {@link #simulateDoor}/{@link #simulateSlot}. */
    public static Pi4jGpioBoard mock(GpioPins pins) {
        Context ctx = Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .setShutdownHook(false)
                .build();
        return new Pi4jGpioBoard(ctx, true, pins);
    }

    private DigitalOutput output(String id, int pin) {
        if (pin < 0) {
            return null;
        }
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin)
                .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    }

    private DigitalInput input(String id, int pin) {
        if (pin < 0) {
            return null;
        }
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).address(pin).pull(PullResistance.PULL_UP)
                .debounce(mock ? 0L : 3000L).build());
    }

    @Override
    public void lockRelay(boolean unlocked) {
        set(relay, unlocked);
    }

    @Override
    public void led(boolean on) {
        set(led, on);
    }

    @Override
    public void buzzer(boolean on) {
        set(buzzer, on);
    }

    public boolean relayUnlocked() {
        return relay != null && relay.isHigh();
    }

    private static void set(DigitalOutput out, boolean high) {
        if (out != null) {
            out.state(high ? DigitalState.HIGH : DigitalState.LOW);
        }
    }

    @Override
    public boolean doorOpen() {
        return door != null && door.isHigh();
    }

    @Override
    public boolean slotPresent(int slot) {
        DigitalInput in = slot >= 1 && slot <= slots.size() ? slots.get(slot - 1) : null;
        return in != null && in.isHigh();
    }

    @Override
    public int slotCount() {
        return slots.size();
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    public void simulateDoor(boolean open) {
        mockInput(door).mockState(open ? DigitalState.HIGH : DigitalState.LOW);
    }

    public void simulateSlot(int slot, boolean present) {
        mockInput(slots.get(slot - 1)).mockState(present ? DigitalState.HIGH : DigitalState.LOW);
    }

    private MockDigitalInput mockInput(DigitalInput in) {
        if (!mock || !(in instanceof MockDigitalInput m)) {
            throw new IllegalStateException("not a mock board or input not fitted");
        }
        return m;
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
