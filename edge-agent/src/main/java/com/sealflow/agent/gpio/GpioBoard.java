package com.sealflow.agent.gpio;

/**
 * The cabinet/device I/O the agent drives directly (not through the MCU): lock relay, door sensor, slot presence
 * sensors, LED and buzzer. Implementation: {@link Pi4jGpioBoard} (real pins on a Pi, Pi4J mock platform elsewhere).
 */
public interface GpioBoard extends AutoCloseable {

    /** Energise (true = unlocked) or release the cabinet lock relay. */
    void lockRelay(boolean unlocked);

    void led(boolean on);

    void buzzer(boolean on);

    boolean doorOpen();

    /** Slot numbers start at 1. */
    boolean slotPresent(int slot);

    int slotCount();

    void listen(Listener listener);

    @Override
    void close();

    /** Sensor changes; called on a Pi4J thread, so keep it short. */
    interface Listener {
        void doorChanged(boolean open);

        void slotChanged(int slot, boolean present);
    }

    /** A board with nothing fitted (a plain seal device without GPIO). */
    static GpioBoard none() {
        return new GpioBoard() {
            @Override
            public void lockRelay(boolean unlocked) {
            }

            @Override
            public void led(boolean on) {
            }

            @Override
            public void buzzer(boolean on) {
            }

            @Override
            public boolean doorOpen() {
                return false;
            }

            @Override
            public boolean slotPresent(int slot) {
                return false;
            }

            @Override
            public int slotCount() {
                return 0;
            }

            @Override
            public void listen(Listener listener) {
            }

            @Override
            public void close() {
            }
        };
    }
}
