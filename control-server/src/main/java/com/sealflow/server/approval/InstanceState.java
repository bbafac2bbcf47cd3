package com.sealflow.server.approval;

import com.sealflow.server.approval.model.InstanceStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance row while a decision is computed. {@code joins}: open branches per PARALLEL/INCLUSIVE container;
 * {@code activations}: how often each node was entered (tasks and dedupe only count the current activation).
 */
final class InstanceState {

    String id;
    String flowKey;
    int flowVersion;
    String businessKey;
    String applicantId;
    InstanceStatus status;
    int round;
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, Integer> joins = new HashMap<>();
    Map<String, Integer> activations = new HashMap<>();
    long startedAt;
    Long endedAt;
    Long lastUrgedAt;
    int nextTaskNo;
    int historySeq;

    InstanceState copy() {
        InstanceState s = new InstanceState();
        s.id = id;
        s.flowKey = flowKey;
        s.flowVersion = flowVersion;
        s.businessKey = businessKey;
        s.applicantId = applicantId;
        s.status = status;
        s.round = round;
        s.facts = new LinkedHashMap<>(facts);
        s.joins = new HashMap<>(joins);
        s.activations = new HashMap<>(activations);
        s.startedAt = startedAt;
        s.endedAt = endedAt;
        s.lastUrgedAt = lastUrgedAt;
        s.nextTaskNo = nextTaskNo;
        s.historySeq = historySeq;
        return s;
    }

    int activation(String nodeId) {
        return activations.getOrDefault(nodeId, 0);
    }
}
