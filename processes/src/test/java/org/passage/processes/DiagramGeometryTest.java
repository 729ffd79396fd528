package org.passage.processes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagrams read as a person would draw them in Camunda Modeler: every node and flow
 * drawn, no shape on another, right-angled flows that pass through no other shape and lie
 * on no other flow, start and end on their shapes' borders, words instead of ids and
 * codes in every name, and labels off the shapes and near what they label.
 */
class DiagramGeometryTest {

	private static final Path MODELS = Path.of("src/main/resources/bpmn");

	/** How far a flow's end may lie from its shape's outline, in pixels. */
	private static final double BORDER = 3;

	/** A raw code such as {@code ELIGIBLE_PENDING_FUNDS}. */
	private static final Pattern CODE = Pattern.compile("[A-Z_]{6,}");

	@TestFactory
	Stream<DynamicTest> everyDiagramReadsWell() throws IOException {
		List<Path> models;
		try (Stream<Path> files = Files.list(MODELS)) {
			models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
		}
		assertThat(models).isNotEmpty();
		return models.stream().flatMap(file -> {
			Diagram diagram = Diagram.read(file);
			String model = file.getFileName().toString();
			return Stream.of(
					DynamicTest.dynamicTest(model + ": every node and flow is drawn", diagram::everythingDrawn),
					DynamicTest.dynamicTest(model + ": no shape overlaps another", diagram::noShapesOverlap),
					DynamicTest.dynamicTest(model + ": flows are right-angled", diagram::flowsOrthogonal),
					DynamicTest.dynamicTest(model + ": flows pass through no other shape", diagram::flowsAvoidShapes),
					DynamicTest.dynamicTest(model + ": flows lie on no other flow", diagram::flowsApart),
					DynamicTest.dynamicTest(model + ": flows start and end on their shapes' borders",
							diagram::flowsEndOnBorders),
					DynamicTest.dynamicTest(model + ": names are words, not ids or codes", diagram::namesAreWords),
					DynamicTest.dynamicTest(model + ": labels sit near their element, off the shapes",
							diagram::labelsPlaced));
		});
	}

	record Box(double x, double y, double w, double h) {

		static Box of(Bounds bounds) {
			return new Box(bounds.getX(), bounds.getY(), bounds.getWidth(), bounds.getHeight());
		}

		double cx() {
			return this.x + this.w / 2;
		}

		double cy() {
			return this.y + this.h / 2;
		}

		boolean overlaps(Box other) {
			return this.x < other.x + other.w && other.x < this.x + this.w && this.y < other.y + other.h
					&& other.y < this.y + this.h;
		}

		boolean contains(Box other) {
			return other.x >= this.x && other.y >= this.y && other.x + other.w <= this.x + this.w
					&& other.y + other.h <= this.y + this.h;
		}

		Box grow(double by) {
			return new Box(this.x - by, this.y - by, this.w + 2 * by, this.h + 2 * by);
		}

		/** Whether the segment from a to b passes through this box's interior. */
		boolean crossedBy(Point a, Point b) {
			Box inner = grow(-1);
			if (a.x == b.x) {
				return a.x > inner.x && a.x < inner.x + inner.w && Math.max(a.y, b.y) > inner.y
						&& Math.min(a.y, b.y) < inner.y + inner.h;
			}
			if (a.y == b.y) {
				return a.y > inner.y && a.y < inner.y + inner.h && Math.max(a.x, b.x) > inner.x
						&& Math.min(a.x, b.x) < inner.x + inner.w;
			}
			// A slanted segment: sample it.
			for (int i = 0; i <= 100; i++) {
				double px = a.x + (b.x - a.x) * i / 100;
				double py = a.y + (b.y - a.y) * i / 100;
				if (px > inner.x && px < inner.x + inner.w && py > inner.y && py < inner.y + inner.h) {
					return true;
				}
			}
			return false;
		}

		double distance(Point p) {
			double dx = Math.max(Math.max(this.x - p.x, 0), p.x - (this.x + this.w));
			double dy = Math.max(Math.max(this.y - p.y, 0), p.y - (this.y + this.h));
			return Math.hypot(dx, dy);
		}

	}

	record Point(double x, double y) {
	}

	static final class Diagram {

		final BpmnModelInstance model;

		final Map<String, Box> shapes = new HashMap<>();

		final Map<String, Box> labels = new HashMap<>();

		final Map<String, List<Point>> edges = new HashMap<>();

		private Diagram(BpmnModelInstance model) {
			this.model = model;
			for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
				this.shapes.put(shape.getBpmnElement().getId(), Box.of(shape.getBounds()));
				if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
					this.labels.put(shape.getBpmnElement().getId(), Box.of(shape.getBpmnLabel().getBounds()));
				}
			}
			for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
				List<Point> points = new ArrayList<>();
				for (Waypoint waypoint : edge.getWaypoints()) {
					points.add(new Point(waypoint.getX(), waypoint.getY()));
				}
				this.edges.put(edge.getBpmnElement().getId(), points);
				if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
					this.labels.put(edge.getBpmnElement().getId(), Box.of(edge.getBpmnLabel().getBounds()));
				}
			}
		}

		static Diagram read(Path file) {
			try (InputStream in = Files.newInputStream(file)) {
				return new Diagram(Bpmn.readModelFromStream(in));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		List<FlowNode> nodes() {
			return new ArrayList<>(this.model.getModelElementsByType(FlowNode.class));
		}

		List<SequenceFlow> flows() {
			return new ArrayList<>(this.model.getModelElementsByType(SequenceFlow.class));
		}

		/**
		 * Whether {@code container} is a sub-process that holds {@code node}, at any
		 * depth.
		 */
		static boolean holds(FlowNode container, FlowNode node) {
			ModelElementInstance parent = node.getParentElement();
			while (parent != null) {
				if (parent == container) {
					return true;
				}
				parent = parent.getParentElement();
			}
			return false;
		}

		void everythingDrawn() {
			List<String> missing = new ArrayList<>();
			for (FlowNode node : nodes()) {
				if (!this.shapes.containsKey(node.getId())) {
					missing.add(node.getId());
				}
			}
			for (SequenceFlow flow : flows()) {
				List<Point> points = this.edges.get(flow.getId());
				if (points == null || points.size() < 2) {
					missing.add(flow.getId());
				}
			}
			assertThat(missing).as("flow nodes without a shape and flows without an edge").isEmpty();
		}

		void noShapesOverlap() {
			List<String> faults = new ArrayList<>();
			List<FlowNode> nodes = nodes();
			for (FlowNode node : nodes) {
				if (node.getParentElement() instanceof SubProcess container
						&& !this.shapes.get(container.getId()).contains(this.shapes.get(node.getId()))) {
					faults.add(node.getId() + " lies outside its sub-process " + container.getId());
				}
				if (node instanceof BoundaryEvent boundary) {
					Box host = this.shapes.get(boundary.getAttachedTo().getId());
					Box event = this.shapes.get(boundary.getId());
					boolean onBorder = (Math.abs(event.cy() - host.y) < BORDER
							|| Math.abs(event.cy() - (host.y + host.h)) < BORDER) && event.cx() >= host.x
							&& event.cx() <= host.x + host.w
							|| (Math.abs(event.cx() - host.x) < BORDER
									|| Math.abs(event.cx() - (host.x + host.w)) < BORDER) && event.cy() >= host.y
									&& event.cy() <= host.y + host.h;
					if (!onBorder) {
						faults.add(boundary.getId() + " does not sit on the border of "
								+ boundary.getAttachedTo().getId());
					}
				}
			}
			for (int i = 0; i < nodes.size(); i++) {
				for (int j = i + 1; j < nodes.size(); j++) {
					FlowNode a = nodes.get(i);
					FlowNode b = nodes.get(j);
					if (holds(a, b) || holds(b, a) || attached(a, b) || attached(b, a)) {
						continue;
					}
					if (this.shapes.get(a.getId()).overlaps(this.shapes.get(b.getId()))) {
						faults.add(a.getId() + " overlaps " + b.getId());
					}
				}
			}
			assertThat(faults).as("overlapping shapes").isEmpty();
		}

		private static boolean attached(FlowNode event, FlowNode host) {
			return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == host;
		}

		void flowsOrthogonal() {
			List<String> faults = new ArrayList<>();
			for (SequenceFlow flow : flows()) {
				List<Point> points = this.edges.get(flow.getId());
				for (int i = 1; i < points.size(); i++) {
					Point a = points.get(i - 1);
					Point b = points.get(i);
					if (Math.abs(a.x - b.x) > 0.5 && Math.abs(a.y - b.y) > 0.5) {
						faults.add(flow.getId() + " (" + flow.getSource().getId() + " -> " + flow.getTarget().getId()
								+ ") segment " + i + " is slanted");
					}
				}
			}
			assertThat(faults).as("slanted flow segments").isEmpty();
		}

		void flowsAvoidShapes() {
			List<String> faults = new ArrayList<>();
			for (SequenceFlow flow : flows()) {
				List<Point> points = this.edges.get(flow.getId());
				for (FlowNode node : nodes()) {
					if (node == flow.getSource() || node == flow.getTarget() || holds(node, flow.getSource())
							|| holds(node, flow.getTarget())) {
						continue;
					}
					Box box = this.shapes.get(node.getId());
					for (int i = 1; i < points.size(); i++) {
						if (box.crossedBy(points.get(i - 1), points.get(i))) {
							faults.add(flow.getId() + " (" + flow.getSource().getId() + " -> "
									+ flow.getTarget().getId() + ") passes through " + node.getId());
							break;
						}
					}
				}
			}
			assertThat(faults).as("flows through other shapes").isEmpty();
		}

		void flowsApart() {
			List<String> faults = new ArrayList<>();
			List<SequenceFlow> flows = flows();
			for (int i = 0; i < flows.size(); i++) {
				for (int j = i + 1; j < flows.size(); j++) {
					if (shareASegment(this.edges.get(flows.get(i).getId()), this.edges.get(flows.get(j).getId()))) {
						faults.add(describe(flows.get(i)) + " lies on " + describe(flows.get(j)));
					}
				}
			}
			assertThat(faults).as("flows drawn on top of each other").isEmpty();
		}

		private static String describe(SequenceFlow flow) {
			return flow.getId() + " (" + flow.getSource().getId() + " -> " + flow.getTarget().getId() + ")";
		}

		private static boolean shareASegment(List<Point> first, List<Point> second) {
			for (int i = 1; i < first.size(); i++) {
				for (int j = 1; j < second.size(); j++) {
					if (overlap(first.get(i - 1), first.get(i), second.get(j - 1), second.get(j)) > 1) {
						return true;
					}
				}
			}
			return false;
		}

		/** Length of the stretch two segments share when they lie on one line. */
		private static double overlap(Point a, Point b, Point c, Point d) {
			if (a.y == b.y && c.y == d.y && Math.abs(a.y - c.y) < 0.5) {
				return Math.min(Math.max(a.x, b.x), Math.max(c.x, d.x))
						- Math.max(Math.min(a.x, b.x), Math.min(c.x, d.x));
			}
			if (a.x == b.x && c.x == d.x && Math.abs(a.x - c.x) < 0.5) {
				return Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y))
						- Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y));
			}
			return 0;
		}

		void flowsEndOnBorders() {
			List<String> faults = new ArrayList<>();
			for (SequenceFlow flow : flows()) {
				List<Point> points = this.edges.get(flow.getId());
				if (!onOutline(flow.getSource(), points.get(0))) {
					faults.add(describe(flow) + " does not start on the border of " + flow.getSource().getId());
				}
				if (!onOutline(flow.getTarget(), points.get(points.size() - 1))) {
					faults.add(describe(flow) + " does not end on the border of " + flow.getTarget().getId());
				}
			}
			assertThat(faults).as("flow ends off their shapes' borders").isEmpty();
		}

		/**
		 * Whether a point lies on a node's outline: a circle, a diamond or a rectangle.
		 */
		private boolean onOutline(FlowNode node, Point p) {
			Box box = this.shapes.get(node.getId());
			if (node instanceof Event) {
				return Math.abs(Math.hypot(p.x - box.cx(), p.y - box.cy()) - box.w / 2) <= BORDER;
			}
			if (node instanceof Gateway) {
				double distance = Math.abs(p.x - box.cx()) / (box.w / 2) + Math.abs(p.y - box.cy()) / (box.h / 2);
				return Math.abs(distance - 1) * box.w / 2 <= BORDER;
			}
			boolean inside = box.grow(BORDER).distance(p) == 0;
			boolean deep = box.grow(-BORDER).distance(p) == 0 && box.w > 2 * BORDER;
			return inside && !deep;
		}

		void namesAreWords() {
			List<String> faults = new ArrayList<>();
			List<BaseElement> named = new ArrayList<>(this.model.getModelElementsByType(FlowElement.class));
			named.addAll(this.model.getModelElementsByType(Lane.class));
			named.addAll(this.model.getModelElementsByType(Participant.class));
			for (BaseElement element : named) {
				String name = element.getAttributeValue("name");
				if (name == null) {
					continue;
				}
				if (name.equals(element.getId())) {
					faults.add(element.getId() + " is named by its id");
				}
				else if (CODE.matcher(name).find()) {
					faults.add(element.getId() + " is named with a raw code: " + name);
				}
			}
			assertThat(faults).as("names that are ids or codes").isEmpty();
		}

		void labelsPlaced() {
			List<String> faults = new ArrayList<>();
			for (Map.Entry<String, Box> label : this.labels.entrySet()) {
				BaseElement element = this.model.getModelElementById(label.getKey());
				for (FlowNode node : nodes()) {
					if (node == element || node instanceof SubProcess) {
						continue;
					}
					if (label.getValue().overlaps(this.shapes.get(node.getId()))) {
						faults.add("label of " + label.getKey() + " lies over " + node.getId());
					}
				}
				double distance;
				if (element instanceof SequenceFlow) {
					List<Point> points = this.edges.get(element.getId());
					distance = Double.MAX_VALUE;
					for (Point p : points) {
						distance = Math.min(distance, label.getValue().distance(p));
					}
					for (int i = 1; i < points.size(); i++) {
						Point a = points.get(i - 1);
						Point b = points.get(i);
						for (int k = 0; k <= 20; k++) {
							distance = Math.min(distance, label.getValue()
								.distance(new Point(a.x + (b.x - a.x) * k / 20, a.y + (b.y - a.y) * k / 20)));
						}
					}
				}
				else {
					Box shape = this.shapes.get(element.getId());
					distance = label.getValue().overlaps(shape.grow(30)) ? 0 : Double.MAX_VALUE;
				}
				if (distance > 30) {
					faults.add("label of " + label.getKey() + " is far from its element");
				}
			}
			assertThat(faults).as("misplaced labels").isEmpty();
		}

	}

}
