package com.sealflow.server.approval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * BPMN DI (diagram interchange) for an export: every element placed on a grid of columns (left to right along the
 * chain) and rows (branches stacked), every sequence flow drawn with right-angled waypoints, so modelers open the file.
 */
final class BpmnDiagram {

    static final String DI = "http://www.omg.org/spec/BPMN/20100524/DI";
    static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    static final String DD = "http://www.omg.org/spec/DD/20100524/DI";
    private static final int COLUMN = 150;
    private static final int ROW = 120;
    private static final int MARGIN = 50;

    private record Shape(String kind, int column, int row) {
        int width() {
            return kind.endsWith("Event") ? 36 : kind.endsWith("Gateway") ? 50 : 100;
        }

        int height() {
            return kind.endsWith("Task") ? 80 : width();
        }

        int centerX() {
            return MARGIN + column * COLUMN + 50;
        }

        int centerY() {
            return MARGIN + row * ROW + 40;
        }
    }

    private record Edge(String id, String from, String to) {
    }

    private final Document doc;
    private final Element definitions;
    private final String processId;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    BpmnDiagram(Document doc, Element definitions, String processId) {
        this.doc = doc;
        this.definitions = definitions;
        this.processId = processId;
    }

    void shape(String id, String kind, int column, int row) {
        shapes.put(id, new Shape(kind, column, row));
    }

    void move(String id, int column, int row) {
        shapes.put(id, new Shape(shapes.get(id).kind(), column, row));
    }

    boolean has(String id) {
        return shapes.containsKey(id);
    }

    void edge(String id, String from, String to) {
        edges.add(new Edge(id, from, to));
    }

    /** The id of the first flow drawn from {@code from} to {@code to}. */
    String firstFlowFrom(String from, String to) {
        return edges.stream().filter(e -> e.from().equals(from) && e.to().equals(to)).map(Edge::id).findFirst()
            .orElseThrow(() -> new IllegalStateException("no flow " + from + " → " + to));
    }

    /** Appends the diagram to the definitions. */
    void finish() {
        Element diagram = doc.createElementNS(DI, "bpmndi:BPMNDiagram");
        diagram.setAttribute("id", processId + "_diagram");
        Element plane = doc.createElementNS(DI, "bpmndi:BPMNPlane");
        plane.setAttribute("id", processId + "_plane");
        plane.setAttribute("bpmnElement", processId);
        diagram.appendChild(plane);
        shapes.forEach((id, s) -> {
            Element shape = doc.createElementNS(DI, "bpmndi:BPMNShape");
            shape.setAttribute("id", id + "_di");
            shape.setAttribute("bpmnElement", id);
            if (s.kind().endsWith("Gateway")) {
                shape.setAttribute("isMarkerVisible", "true");
            }
            Element bounds = doc.createElementNS(DC, "dc:Bounds");
            bounds.setAttribute("x", String.valueOf(s.centerX() - s.width() / 2));
            bounds.setAttribute("y", String.valueOf(s.centerY() - s.height() / 2));
            bounds.setAttribute("width", String.valueOf(s.width()));
            bounds.setAttribute("height", String.valueOf(s.height()));
            shape.appendChild(bounds);
            plane.appendChild(shape);
        });
        for (Edge e : edges) {
            Element edge = doc.createElementNS(DI, "bpmndi:BPMNEdge");
            edge.setAttribute("id", e.id() + "_di");
            edge.setAttribute("bpmnElement", e.id());
            for (int[] p : waypoints(shapes.get(e.from()), shapes.get(e.to()))) {
                Element w = doc.createElementNS(DD, "di:waypoint");
                w.setAttribute("x", String.valueOf(p[0]));
                w.setAttribute("y", String.valueOf(p[1]));
                edge.appendChild(w);
            }
            plane.appendChild(edge);
        }
        definitions.appendChild(diagram);
    }

    private static List<int[]> waypoints(Shape a, Shape b) {
        List<int[]> out = new ArrayList<>();
        if (a.column() == b.column()) {
            int down = b.row() >= a.row() ? 1 : -1;
            out.add(new int[] {a.centerX(), a.centerY() + down * a.height() / 2});
            out.add(new int[] {b.centerX(), b.centerY() - down * b.height() / 2});
            return out;
        }
        int[] from = {a.centerX() + a.width() / 2, a.centerY()};
        int[] to = {b.centerX() - b.width() / 2, b.centerY()};
        out.add(from);
        if (from[1] != to[1]) {
            // leave a split sideways then turn; enter a join from the side of its row
            int turn = b.row() > a.row() ? from[0] + 15 : to[0] - 15;
            out.add(new int[] {turn, from[1]});
            out.add(new int[] {turn, to[1]});
        }
        out.add(to);
        return out;
    }
}
