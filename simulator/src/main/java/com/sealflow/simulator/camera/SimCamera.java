package com.sealflow.simulator.camera;

import com.sealflow.agent.camera.Camera;

/**
 * The edge agent's camera for a virtual device: renders the page the press landed on and keeps
 * the last photo for the panel. The mode lets testers make the server's photo checks fire.
 */
public final class SimCamera implements Camera {

    private final PageRenderer renderer;
    private volatile CameraMode mode = CameraMode.NORMAL;
    private volatile Paper paper = Paper.CONTRACT;
    private volatile Photo last;
    private volatile long shots;

    public SimCamera(PageRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public byte[] snapshot(Shot shot) {
        byte[] jpeg = renderer.renderJpeg(new PageRenderer.Shot(shot.deviceId(), shot.pressCounter(), shot.sealImpression(), mode, paper));
        last = new Photo(jpeg, shot.pressCounter(), System.currentTimeMillis(), mode);
        shots++;
        return jpeg;
    }

    public void mode(CameraMode mode) {
        this.mode = mode;
    }

    public CameraMode mode() {
        return mode;
    }

    /** The kind of document the next presses land on (the request's document type, where the tester knows it). */
    public void paper(Paper paper) {
        this.paper = paper == null ? Paper.CONTRACT : paper;
    }

    public Paper paper() {
        return paper;
    }

    /** The last photo taken, or null. */
    public Photo last() {
        return last;
    }

    public long shots() {
        return shots;
    }

    @Override
    public String describe() {
        return "simulator camera (" + mode + ")";
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** A photo the camera took. */
    public record Photo(byte[] jpeg, long pressCounter, long takenAt, CameraMode mode) {
    }
}
