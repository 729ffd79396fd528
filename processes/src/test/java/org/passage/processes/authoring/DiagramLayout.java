package org.passage.processes.authoring;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * A developer's tool, not part of the product: laid the diagrams of the four models out
 * once, from a hand-chosen grid position per node, with right-angled flows routed around
 * the shapes and labels put where they hide nothing. It reads the models from the
 * {@code .bpmn} files and rewrites only their diagram and the names listed here; the
 * process semantics stay as they are. The {@code .bpmn} files are the source of truth:
 * after this, edit them in Camunda Modeler (running this again would replace any diagram
 * edits made there). {@code DiagramGeometryTest} checks every diagram, however it was
 * drawn. Run: {@code DiagramLayout processes/src/main/resources/bpmn}.
 */
public final class DiagramLayout {

	/** The routing grid, in pixels. */
	private static final int G = 10;

	private static final double COLUMN = 150;

	private static final double ROW = 130;

	private static final double ORIGIN = 100;

	private DiagramLayout() {
	}

	public static void main(String[] args) throws IOException {
		for (Layout layout : List.of(votCase(), strandedMigrantCase(), avrrCase(), reintegration())) {
			Path file = Path.of(args[0], layout.key + ".bpmn");
			String xml = Files.readString(file);
			layout.apply(Bpmn.readModelFromFile(file.toFile()));
			String laidOut = layout.write(xml);
			Bpmn.validateModel(
					Bpmn.readModelFromStream(new ByteArrayInputStream(laidOut.getBytes(StandardCharsets.UTF_8))));
			Files.writeString(file, laidOut);
			System.out.println("laid out " + file);
		}
	}

	static Layout votCase() {
		Layout l = new Layout("vot-case");
		l.row(0, 0, "Event_CaseOpened", "Activity_ScreenCase", "Activity_ProvideImmediateNeeds",
				"Activity_RecordConsent", "Gateway_ConsentGiven", "Activity_AssessRisk", "Activity_PlanAssistance",
				"Activity_DecideGaf", "Gateway_GafDecided");
		l.at("Event_ConsentRefused", 4, -1.2);
		l.at("Activity_CollectMissingInformation", 8, -1.2);
		l.row(9.3, 0, "Activity_ApproveAssistance", "Gateway_AssistanceApproved", "Activity_ReserveFunds",
				"Gateway_FundsReserved");
		l.row(13.5, 0, "Activity_DeliverAssistance", "Activity_CommitFunds", "Activity_ChooseDurableSolution",
				"Gateway_DurableSolution");
		l.at("Activity_TraceFamily", 17.8, 0);
		l.row(19.0, 0, "Activity_Reintegration", "Gateway_ReadyToClose");
		l.row(21.3, 0, "Activity_CloseCase", "Event_CaseClosed");
		l.row(17.8, 1.3, "Activity_ApproveThirdCountry", "Gateway_ThirdCountryApproved");
		l.row(12.3, 1.3, "Activity_DecideOnPendingFunds", "Gateway_PendingFundsDecided");
		l.boundary("Event_FundsToppedUp", 0.3);
		l.row(9.3, 2.3, "Activity_RecordReferral", "Event_CaseReferred");
		l.row(9.3, 3.3, "Activity_ConsiderAppeal", "Gateway_AppealUpheld");
		l.row(0.3, 4.8, "Event_ConsentWithdrawn", "Activity_StopAssistance", "Event_AssistanceStopped");
		l.exit("Gateway_PendingFundsDecided", "Activity_DecideGaf", 'U');
		// Nested, so that they do not cross: the nearest outcome leaves rightmost.
		l.exit("Gateway_GafDecided", "Activity_DecideOnPendingFunds", 'D', 10);
		l.exit("Gateway_GafDecided", "Activity_RecordReferral", 'D', 0);
		l.exit("Gateway_GafDecided", "Activity_ConsiderAppeal", 'D', -10);
		l.exit("Gateway_PendingFundsDecided", "Gateway_ReadyToClose", 'R');
		l.entry("Gateway_AppealUpheld", "Gateway_ReadyToClose", 'B');
		l.size("Activity_TraceFamily", 140, 80);
		l.name("Gateway_GafDecided", "Activity_CollectMissingInformation", "information missing");
		l.name("Gateway_GafDecided", "Activity_ApproveAssistance", "eligible (or interim)");
		l.name("Gateway_GafDecided", "Activity_DecideOnPendingFunds", "eligible, funds short");
		l.name("Gateway_GafDecided", "Activity_RecordReferral", "refer");
		l.name("Gateway_GafDecided", "Activity_ConsiderAppeal", "not eligible");
		l.name("Gateway_ReadyToClose", "Ready to close?");
		l.name("Activity_ConsentWithdrawal", "Consent withdrawn at any time");
		return l;
	}

	static Layout strandedMigrantCase() {
		Layout l = new Layout("stranded-migrant-case");
		l.row(0, 0, "Event_MigrantRegistered", "Activity_ProvideImmediateHelp", "Activity_ScreenProtectionNeeds",
				"Gateway_ScreeningOutcome");
		l.row(3, -1.3, "Activity_OpenVotCase", "Event_ReferredToVotCase");
		l.row(3, 1.3, "Activity_ReferToRefugeeAgency", "Event_ReferredToRefugeeAgency");
		l.row(4.3, 0, "Activity_ConfirmWishToReturn", "Activity_DecideHasm", "Gateway_HasmDecided");
		l.at("Activity_CollectMissingInformation", 5.6, -1.3);
		l.exit("Gateway_HasmDecided", "Activity_OpenVotCase", 'U', 10);
		l.exit("Gateway_HasmDecided", "Activity_CollectMissingInformation", 'U', 0);
		l.row(7.6, 0, "Activity_ApproveReturn", "Gateway_ReturnApproved", "Activity_ReserveFunds",
				"Gateway_FundsReserved");
		l.row(11.8, 0, "Activity_ObtainTravelDocuments", "Activity_CheckFitToTravel", "Activity_ReturnHome",
				"Activity_CommitFunds", "Activity_ReceiveOnArrival", "Activity_Reintegration", "Gateway_ReadyToClose");
		l.row(19.1, 0, "Activity_CloseCase", "Event_CaseClosed");
		l.row(10.6, 1.3, "Activity_DecideOnPendingFunds", "Gateway_PendingFundsDecided");
		l.boundary("Event_FundsToppedUp", 0.3);
		l.row(7.6, 2.3, "Activity_RecordReferral", "Event_CaseReferred");
		l.row(7.6, 3.3, "Activity_ConsiderAppeal", "Gateway_AppealUpheld");
		l.row(0.3, 4.8, "Event_HasmDecisionDue", "Gateway_HasmDecisionLate", "Activity_EscalateLateDecision",
				"Event_EscalationHandled");
		l.at("Event_DecidedInTime", 2.3, 5.9);
		l.row(5.3, 4.8, "Event_ConsentWithdrawn", "Activity_StopAssistance", "Event_AssistanceStopped");
		l.exit("Gateway_PendingFundsDecided", "Activity_DecideHasm", 'U');
		// Nested, so that they do not cross: the nearest outcome leaves rightmost.
		l.exit("Gateway_HasmDecided", "Activity_DecideOnPendingFunds", 'D', 10);
		l.exit("Gateway_HasmDecided", "Activity_RecordReferral", 'D', 0);
		l.exit("Gateway_HasmDecided", "Activity_ConsiderAppeal", 'D', -10);
		l.exit("Gateway_PendingFundsDecided", "Gateway_ReadyToClose", 'R');
		l.name("Gateway_HasmDecided", "Activity_CollectMissingInformation", "information missing");
		l.name("Gateway_HasmDecided", "Activity_ApproveReturn", "eligible (or interim)");
		l.name("Gateway_HasmDecided", "Activity_DecideOnPendingFunds", "eligible, funds short");
		l.name("Gateway_HasmDecided", "Activity_OpenVotCase", "refer to a VoT case");
		l.name("Gateway_HasmDecided", "Activity_RecordReferral", "refer elsewhere");
		l.name("Gateway_HasmDecided", "Activity_ConsiderAppeal", "not eligible");
		l.name("Gateway_ReadyToClose", "Ready to close?");
		l.name("Activity_HasmDeadline", "Deadline for the HASM decision");
		l.name("Activity_ConsentWithdrawal", "Consent withdrawn at any time");
		return l;
	}

	static Layout avrrCase() {
		Layout l = new Layout("avrr-case");
		l.at("Event_ReturnRequested", 0, 0);
		l.row(1, 0, "Event_PreparationStarted", "Activity_CounselReturn", "Activity_SignVoluntarinessDeclaration",
				"Gateway_DeclarationSigned", "Activity_AssessVulnerability", "Activity_PrepareTravel",
				"Activity_ApproveReturn", "Gateway_ReturnApproved", "Event_ReadyToDepart");
		l.at("Event_DeclarationNotSigned", 4, 1.1);
		l.row(10.6, 0, "Gateway_ReadyToDepart", "Activity_Depart", "Activity_Reintegration",
				"Activity_CheckSustainability", "Gateway_ReadyToClose");
		l.row(15.9, 0, "Activity_CloseCase", "Event_CaseClosed");
		l.entry("Event_ReturnRequested", "Activity_PrepareReturn", 'L');
		l.exit("Activity_PrepareReturn", "Gateway_ReadyToDepart", 'R');
		l.boundary("Event_VoluntarinessRevoked", 0.8);
		l.row(8, 2.4, "Activity_EndReturn", "Event_ReturnEnded");
		l.row(0.3, 3.4, "Event_ConsentWithdrawn", "Activity_StopAssistance", "Event_AssistanceStopped");
		l.name("Event_PreparationStarted", "Preparation started");
		l.name("Gateway_ReadyToClose", "Ready to close?");
		l.name("Activity_ConsentWithdrawal", "Consent withdrawn at any time");
		return l;
	}

	static Layout reintegration() {
		Layout l = new Layout("reintegration");
		l.row(0, 0, "Event_ReturneeArrived", "Activity_PrepareReintegrationPlan", "Activity_DecideReintegrationPackage",
				"Gateway_PackageDecided");
		l.at("Activity_CollectMissingInformation", 3, 1.3);
		l.row(4.2, 0, "Activity_ApprovePackage", "Gateway_PackageApproved", "Activity_ReserveFunds",
				"Gateway_FundsReserved");
		l.row(8.4, 0, "Gateway_ReadyToDeliver", "Activity_DeliverPackage", "Activity_CommitFunds",
				"Gateway_MonitoringDue", "Event_MonitoringVisitDue", "Activity_MonitoringVisit");
		l.at("Event_ReintegrationClosed", 12.6, -1.2);
		l.row(7.2, 1.3, "Activity_DecideOnPendingFunds", "Gateway_PendingFundsDecided", "Event_ClosedWithoutPackage");
		l.boundary("Event_FundsToppedUp", 0.3);
		l.exit("Activity_MonitoringVisit", "Gateway_MonitoringDue", 'D');
		l.entry("Activity_MonitoringVisit", "Gateway_MonitoringDue", 'B');
		l.exit("Gateway_MonitoringDue", "Event_ReintegrationClosed", 'U');
		l.exit("Gateway_PendingFundsDecided", "Activity_DecideReintegrationPackage", 'U');
		l.entry("Gateway_PendingFundsDecided", "Activity_DecideReintegrationPackage", 'B');
		l.name("Gateway_ReadyToDeliver", "Ready to deliver?");
		return l;
	}

	record Box(double x, double y, double w, double h) {

		double cx() {
			return this.x + this.w / 2;
		}

		double cy() {
			return this.y + this.h / 2;
		}

		boolean contains(double px, double py) {
			return px > this.x && px < this.x + this.w && py > this.y && py < this.y + this.h;
		}

		boolean containsClosed(double px, double py) {
			return px >= this.x && px <= this.x + this.w && py >= this.y && py <= this.y + this.h;
		}

		boolean overlaps(Box o) {
			return this.x < o.x + o.w && o.x < this.x + this.w && this.y < o.y + o.h && o.y < this.y + this.h;
		}

		Box grow(double by) {
			return new Box(this.x - by, this.y - by, this.w + 2 * by, this.h + 2 * by);
		}

		Box union(Box o) {
			double nx = Math.min(this.x, o.x);
			double ny = Math.min(this.y, o.y);
			return new Box(nx, ny, Math.max(this.x + this.w, o.x + o.w) - nx,
					Math.max(this.y + this.h, o.y + o.h) - ny);
		}

		/** Whether the axis-parallel segment a-b touches this box. */
		boolean hitBy(double ax, double ay, double bx, double by) {
			return Math.max(ax, bx) > this.x && Math.min(ax, bx) < this.x + this.w && Math.max(ay, by) > this.y
					&& Math.min(ay, by) < this.y + this.h;
		}

	}

	/** Where each node goes, and the names to give. */
	static final class Layout {

		final String key;

		final Map<String, double[]> cells = new LinkedHashMap<>();

		final Map<String, Double> boundaries = new HashMap<>();

		final Map<String, String> names = new LinkedHashMap<>();

		/**
		 * Flows (source->target) held to one side of their source or target: R, D, L or
		 * U.
		 */
		final Map<String, Integer> exits = new HashMap<>();

		final Map<String, Integer> entries = new HashMap<>();

		final Map<String, Integer> exitOffsets = new HashMap<>();

		final Map<String, double[]> sizes = new HashMap<>();

		BpmnModelInstance model;

		final Map<String, Box> boxes = new LinkedHashMap<>();

		final Map<String, List<double[]>> routes = new LinkedHashMap<>();

		final Map<String, Box> labels = new HashMap<>();

		Layout(String key) {
			this.key = key;
		}

		void at(String id, double column, double row) {
			this.cells.put(id, new double[] { column, row });
		}

		void row(double column, double row, String... ids) {
			for (int i = 0; i < ids.length; i++) {
				at(ids[i], column + i, row);
			}
		}

		/** The flow leaves its source by the R(ight), D(own), L(eft) or U(p) side. */
		void exit(String source, String target, char side) {
			this.exits.put(source + "->" + target, "RDLU".indexOf(side));
		}

		/**
		 * The flow leaves its source by one side, {@code offset} pixels right of (or
		 * below) the side's middle.
		 */
		void exit(String source, String target, char side, int offset) {
			exit(source, target, side);
			this.exitOffsets.put(source + "->" + target, offset / G);
		}

		/** The flow enters its target by the L(eft), T(op), R(ight) or B(ottom) side. */
		void entry(String source, String target, char side) {
			this.entries.put(source + "->" + target, "LTRB".indexOf(side));
		}

		void size(String id, double w, double h) {
			this.sizes.put(id, new double[] { w, h });
		}

		void boundary(String id, double along) {
			this.boundaries.put(id, along);
		}

		void name(String id, String name) {
			this.names.put(id, name);
		}

		void name(String source, String target, String name) {
			this.names.put(source + "->" + target, name);
		}

		void apply(BpmnModelInstance model) {
			this.model = model;
			rename();
			place();
			route();
			label();
		}

		private void rename() {
			for (Map.Entry<String, String> entry : this.names.entrySet()) {
				BaseElement element;
				if (entry.getKey().contains("->")) {
					String[] ends = entry.getKey().split("->");
					element = flows().stream()
						.filter(flow -> flow.getSource().getId().equals(ends[0])
								&& flow.getTarget().getId().equals(ends[1]))
						.findFirst()
						.orElseThrow(() -> new IllegalArgumentException("no flow " + entry.getKey()));
				}
				else {
					element = this.model.getModelElementById(entry.getKey());
					if (element == null) {
						throw new IllegalArgumentException("no element " + entry.getKey());
					}
				}
				element.setAttributeValue("name", entry.getValue());
			}
		}

		List<FlowNode> nodes() {
			return new ArrayList<>(this.model.getModelElementsByType(FlowNode.class));
		}

		List<SequenceFlow> flows() {
			return new ArrayList<>(this.model.getModelElementsByType(SequenceFlow.class));
		}

		private static double snap(double v) {
			return Math.round(v / G) * G;
		}

		private void place() {
			List<SubProcess> containers = new ArrayList<>();
			for (FlowNode node : nodes()) {
				if (node instanceof SubProcess sub) {
					containers.add(sub);
					continue;
				}
				if (node instanceof BoundaryEvent) {
					continue;
				}
				double[] cell = this.cells.get(node.getId());
				if (cell == null) {
					throw new IllegalArgumentException(this.key + ": no grid cell for " + node.getId());
				}
				double cx = snap(ORIGIN + cell[0] * COLUMN);
				double cy = snap(ORIGIN + cell[1] * ROW);
				double[] size = this.sizes.get(node.getId());
				double w = size != null ? size[0] : node instanceof Event ? 36 : node instanceof Gateway ? 50 : 100;
				double h = size != null ? size[1] : node instanceof Event ? 36 : node instanceof Gateway ? 50 : 80;
				this.boxes.put(node.getId(), new Box(cx - w / 2, cy - h / 2, w, h));
			}
			// Innermost containers first: a sub-process wraps its children.
			containers.sort(Comparator.comparingInt(DiagramLayout::depth).reversed());
			for (SubProcess sub : containers) {
				Box around = null;
				for (FlowNode child : sub.getChildElementsByType(FlowNode.class)) {
					Box box = this.boxes.get(child.getId());
					if (box != null) {
						around = around == null ? box : around.union(box);
					}
				}
				double left = Math.floor((around.x - 40) / G) * G;
				double top = Math.floor((around.y - 50) / G) * G;
				double right = Math.ceil((around.x + around.w + 40) / G) * G;
				double bottom = Math.ceil((around.y + around.h + 40) / G) * G;
				this.boxes.put(sub.getId(), new Box(left, top, right - left, bottom - top));
			}
			for (BoundaryEvent event : this.model.getModelElementsByType(BoundaryEvent.class)) {
				Box host = this.boxes.get(event.getAttachedTo().getId());
				Double along = this.boundaries.get(event.getId());
				if (along == null) {
					throw new IllegalArgumentException(this.key + ": no place for " + event.getId());
				}
				double cx = snap(host.x + host.w * along);
				double cy = host.y + host.h;
				this.boxes.put(event.getId(), new Box(cx - 18, cy - 18, 36, 36));
			}
		}

		// ---- routing -------------------------------------------------------------

		int i0;

		int j0;

		int width;

		int height;

		/** Unit segments already drawn: horizontal ones keyed from their left end. */
		final Set<Long> horizontal = new HashSet<>();

		final Set<Long> vertical = new HashSet<>();

		long key(int i, int j) {
			return ((long) i << 32) ^ (j & 0xffffffffL);
		}

		private void route() {
			Box all = null;
			for (Box box : this.boxes.values()) {
				all = all == null ? box : all.union(box);
			}
			this.i0 = (int) Math.floor((all.x - 80) / G);
			this.j0 = (int) Math.floor((all.y - 80) / G);
			this.width = (int) Math.ceil((all.w + 160) / G) + 1;
			this.height = (int) Math.ceil((all.h + 160) / G) + 1;
			List<SequenceFlow> flows = flows();
			flows.sort(Comparator.comparingDouble(this::span));
			for (SequenceFlow flow : flows) {
				this.routes.put(flow.getId(), route(flow));
			}
		}

		private double span(SequenceFlow flow) {
			Box a = this.boxes.get(flow.getSource().getId());
			Box b = this.boxes.get(flow.getTarget().getId());
			double span = Math.abs(a.cx() - b.cx()) + Math.abs(a.cy() - b.cy());
			// Flows backwards are laid after the ones forwards.
			return b.cx() < a.cx() ? span + 10000 : span;
		}

		private static final int[] DX = { 1, 0, -1, 0 };

		private static final int[] DY = { 0, 1, 0, -1 };

		private List<double[]> route(SequenceFlow flow) {
			FlowNode source = flow.getSource();
			FlowNode target = flow.getTarget();
			Box from = this.boxes.get(source.getId());
			Box to = this.boxes.get(target.getId());
			List<Box> obstacles = new ArrayList<>();
			List<Box> clearances = new ArrayList<>();
			for (FlowNode node : nodes()) {
				if (node == source || node == target || holds(node, source) || holds(node, target)) {
					continue;
				}
				obstacles.add(this.boxes.get(node.getId()).grow(G));
				clearances.add(this.boxes.get(node.getId()).grow(2.5 * G));
			}
			int n = this.width * this.height;
			boolean[] blocked = new boolean[n];
			boolean[] inSource = new boolean[n];
			boolean[] inTarget = new boolean[n];
			boolean[] near = new boolean[n];
			// Close to its source or target a flow runs straight: no jog on the border.
			boolean[] straight = new boolean[n];
			for (int j = 0; j < this.height; j++) {
				for (int i = 0; i < this.width; i++) {
					double px = (i + this.i0) * G;
					double py = (j + this.j0) * G;
					int p = j * this.width + i;
					inSource[p] = from.containsClosed(px, py);
					inTarget[p] = to.containsClosed(px, py);
					near[p] = from.grow(G).containsClosed(px, py) && !inSource[p] || to.grow(G).containsClosed(px, py);
					straight[p] = from.grow(1.5 * G).containsClosed(px, py) || to.grow(1.5 * G).containsClosed(px, py);
					for (Box box : obstacles) {
						if (box.containsClosed(px, py)) {
							blocked[p] = true;
							break;
						}
					}
					for (Box box : clearances) {
						if (!near[p] && box.containsClosed(px, py)) {
							near[p] = true;
							break;
						}
					}
				}
			}
			double[] cost = new double[n * 4];
			Arrays.fill(cost, Double.MAX_VALUE);
			int[] parent = new int[n * 4];
			Arrays.fill(parent, -1);
			PriorityQueue<double[]> open = new PriorityQueue<>(Comparator.comparingDouble(e -> e[0]));
			int ci = (int) Math.floor(from.cx() / G) - this.i0;
			int cj = (int) Math.floor(from.cy() / G) - this.j0;
			String ends = source.getId() + "->" + target.getId();
			Integer exit = this.exits.get(ends);
			Integer side = this.entries.get(ends);
			for (int d = 0; d < 4; d++) {
				if (exit != null && exit != d) {
					continue;
				}
				int reach = (int) Math.floor(((d % 2 == 0) ? from.h : from.w) / 2 / G)
						- (source instanceof Activity ? 1 : 0);
				if (!(source instanceof Activity)) {
					reach = 1;
				}
				Integer pinned = this.exitOffsets.get(ends);
				for (int o = -reach; o <= reach; o++) {
					if (pinned != null && pinned != o) {
						continue;
					}
					int i = ci + (d % 2 == 0 ? 0 : o);
					int j = cj + (d % 2 == 0 ? o : 0);
					int p = j * this.width + i;
					if (!inSource[p]) {
						continue;
					}
					double penalty = Math.abs(o)
							* (source instanceof SubProcess ? 0.5 : source instanceof Activity ? 3 : 5);
					int state = p * 4 + d;
					if (penalty < cost[state]) {
						cost[state] = penalty;
						parent[state] = -2;
						open.add(new double[] { penalty + heuristic(i, j, to), penalty, state });
					}
				}
			}
			int goal = -1;
			while (!open.isEmpty()) {
				double[] entry = open.poll();
				int state = (int) entry[2];
				if (entry[1] > cost[state]) {
					continue;
				}
				int p = state / 4;
				int d = state % 4;
				if (inTarget[p]) {
					goal = state;
					break;
				}
				int i = p % this.width;
				int j = p / this.width;
				for (int nd = 0; nd < 4; nd++) {
					if (nd == (d + 2) % 4) {
						continue;
					}
					if ((inSource[p] || straight[p]) && nd != d) {
						continue;
					}
					int ni = i + DX[nd];
					int nj = j + DY[nd];
					if (ni < 0 || nj < 0 || ni >= this.width || nj >= this.height) {
						continue;
					}
					int q = nj * this.width + ni;
					if (inSource[q] && !inSource[p]) {
						continue;
					}
					if (blocked[q] && !inSource[q] && !inTarget[q]) {
						continue;
					}
					double step = 1 + (nd != d ? 12 : 0) + (near[q] && !inSource[q] && !inTarget[q] ? 1.5 : 0);
					if (inTarget[q]) {
						if (side != null && side != nd) {
							continue;
						}
						double offset = nd % 2 == 0 ? Math.abs((nj + this.j0) * G - to.cy())
								: Math.abs((ni + this.i0) * G - to.cx());
						double limit = target instanceof Activity ? (nd % 2 == 0 ? to.h : to.w) / 2 - G : G;
						if (offset > limit + 0.1) {
							continue;
						}
						step += offset / G * (target instanceof SubProcess ? 0.5 : target instanceof Activity ? 3 : 5);
					}
					boolean throughContainer = inSource[q] && source instanceof SubProcess
							|| inTarget[q] && target instanceof SubProcess;
					step += throughContainer ? 0 : usage(i, j, ni, nj, nd);
					int next = q * 4 + nd;
					double g = cost[state] + step;
					if (g < cost[next]) {
						cost[next] = g;
						parent[next] = state;
						open.add(new double[] { g + heuristic(ni, nj, to), g, next });
					}
				}
			}
			if (goal < 0) {
				throw new IllegalStateException(
						this.key + ": no route for " + flow.getId() + " " + source.getId() + " -> " + target.getId());
			}
			List<int[]> path = new ArrayList<>();
			for (int s = goal; s >= 0; s = parent[s]) {
				int p = s / 4;
				path.add(0, new int[] { p % this.width + this.i0, p / this.width + this.j0 });
			}
			// Record the unit segments this flow takes.
			for (int k = 1; k < path.size(); k++) {
				int[] a = path.get(k - 1);
				int[] b = path.get(k);
				boolean hidden = source instanceof SubProcess && from.contains(b[0] * G, b[1] * G)
						|| target instanceof SubProcess && to.contains(a[0] * G, a[1] * G);
				if (hidden) {
					continue;
				}
				if (a[1] == b[1]) {
					this.horizontal.add(key(Math.min(a[0], b[0]), a[1]));
				}
				else {
					this.vertical.add(key(a[0], Math.min(a[1], b[1])));
				}
			}
			List<double[]> corners = new ArrayList<>();
			for (int k = 0; k < path.size(); k++) {
				if (k == 0 || k == path.size() - 1) {
					corners.add(new double[] { path.get(k)[0] * G, path.get(k)[1] * G });
					continue;
				}
				int[] a = path.get(k - 1);
				int[] b = path.get(k);
				int[] c = path.get(k + 1);
				if ((a[0] == b[0]) != (b[0] == c[0])) {
					corners.add(new double[] { b[0] * G, b[1] * G });
				}
			}
			double[] first = corners.get(0);
			double[] second = corners.get(1);
			corners.set(0, outline(source, from, first, second));
			double[] last = corners.get(corners.size() - 1);
			double[] before = corners.get(corners.size() - 2);
			corners.set(corners.size() - 1, outline(target, to, last, before));
			return corners;
		}

		/**
		 * Extra cost of a unit step: lying on another flow, beside one, or crossing one.
		 */
		private double usage(int i, int j, int ni, int nj, int d) {
			int ai = i + this.i0;
			int aj = j + this.j0;
			int bi = ni + this.i0;
			int bj = nj + this.j0;
			double extra = 0;
			if (d % 2 == 0) {
				int left = Math.min(ai, bi);
				if (this.horizontal.contains(key(left, aj))) {
					extra += 1000;
				}
				if (this.horizontal.contains(key(left, aj - 1)) || this.horizontal.contains(key(left, aj + 1))) {
					extra += 4;
				}
				if (this.horizontal.contains(key(left, aj - 2)) || this.horizontal.contains(key(left, aj + 2))) {
					extra += 1;
				}
				if (this.vertical.contains(key(bi, bj)) || this.vertical.contains(key(bi, bj - 1))) {
					extra += 3;
				}
			}
			else {
				int top = Math.min(aj, bj);
				if (this.vertical.contains(key(ai, top))) {
					extra += 1000;
				}
				if (this.vertical.contains(key(ai - 1, top)) || this.vertical.contains(key(ai + 1, top))) {
					extra += 4;
				}
				if (this.vertical.contains(key(ai - 2, top)) || this.vertical.contains(key(ai + 2, top))) {
					extra += 1;
				}
				if (this.horizontal.contains(key(bi, bj)) || this.horizontal.contains(key(bi - 1, bj))) {
					extra += 3;
				}
			}
			return extra;
		}

		private double heuristic(int i, int j, Box to) {
			double px = (i + this.i0) * G;
			double py = (j + this.j0) * G;
			double dx = Math.max(Math.max(to.x - px, 0), px - (to.x + to.w));
			double dy = Math.max(Math.max(to.y - py, 0), py - (to.y + to.h));
			return (dx + dy) / G;
		}

		/**
		 * Where the line from {@code inside} towards {@code outside} crosses the node's
		 * outline.
		 */
		private static double[] outline(FlowNode node, Box box, double[] inside, double[] outside) {
			boolean horizontalLine = inside[1] == outside[1];
			double sign = horizontalLine ? Math.signum(outside[0] - inside[0]) : Math.signum(outside[1] - inside[1]);
			double offset = horizontalLine ? inside[1] - box.cy() : inside[0] - box.cx();
			double half;
			if (node instanceof Event) {
				double r = box.w / 2;
				half = Math.sqrt(Math.max(r * r - offset * offset, 0));
			}
			else if (node instanceof Gateway) {
				half = (horizontalLine ? box.w : box.h) / 2
						* (1 - Math.abs(offset) / ((horizontalLine ? box.h : box.w) / 2));
			}
			else {
				half = (horizontalLine ? box.w : box.h) / 2;
			}
			half = Math.round(half * 10) / 10.0;
			if (horizontalLine) {
				return new double[] { box.cx() + sign * half, inside[1] };
			}
			return new double[] { inside[0], box.cy() + sign * half };
		}

		// ---- labels --------------------------------------------------------------

		private static double[] textSize(String text) {
			double max = 90;
			List<Double> lines = new ArrayList<>();
			double line = 0;
			for (String word : text.split(" ")) {
				double w = word.length() * 6.0;
				if (line > 0 && line + 3 + w > max) {
					lines.add(line);
					line = w;
				}
				else {
					line = line == 0 ? w : line + 3 + w;
				}
			}
			lines.add(line);
			double width = lines.stream().mapToDouble(Double::doubleValue).max().orElse(0);
			return new double[] { Math.ceil(Math.min(Math.max(width, 10), max + 10)), 14 * lines.size() };
		}

		private void label() {
			List<FlowNode> labelled = new ArrayList<>();
			for (FlowNode node : nodes()) {
				if ((node instanceof Event || node instanceof Gateway) && node.getName() != null
						&& !node.getName().isBlank()) {
					labelled.add(node);
				}
			}
			for (FlowNode node : labelled) {
				Box box = this.boxes.get(node.getId());
				double[] size = textSize(node.getName());
				double w = size[0];
				double h = size[1];
				List<Box> candidates = List.of(new Box(box.cx() - w / 2, box.y + box.h + 5, w, h),
						new Box(box.cx() - w / 2, box.y - h - 5, w, h),
						new Box(box.x + box.w + 5, box.cy() - h - 2, w, h),
						new Box(box.x - w - 5, box.cy() - h - 2, w, h), new Box(box.x + box.w + 5, box.cy() + 4, w, h),
						new Box(box.x - w - 5, box.cy() + 4, w, h), new Box(box.x - w + 8, box.y - h - 2, w, h),
						new Box(box.x + box.w - 8, box.y - h - 2, w, h),
						new Box(box.x - w + 8, box.y + box.h + 2, w, h),
						new Box(box.x + box.w - 8, box.y + box.h + 2, w, h));
				choose(node.getId(), candidates, null);
			}
			for (SequenceFlow flow : flows()) {
				if (flow.getName() == null || flow.getName().isBlank()) {
					continue;
				}
				double[] size = textSize(flow.getName());
				double w = size[0];
				double h = size[1];
				List<double[]> points = this.routes.get(flow.getId());
				List<Box> candidates = new ArrayList<>();
				for (int k = 1; k < points.size(); k++) {
					double[] a = points.get(k - 1);
					double[] b = points.get(k);
					if (a[1] == b[1]) {
						double dir = Math.signum(b[0] - a[0]);
						double start = dir > 0 ? a[0] + 6 : a[0] - 6 - w;
						double mid = (a[0] + b[0]) / 2 - w / 2;
						for (double x : new double[] { start, mid }) {
							candidates.add(new Box(x, a[1] - h - 3, w, h));
							candidates.add(new Box(x, a[1] + 3, w, h));
						}
					}
					else {
						double dir = Math.signum(b[1] - a[1]);
						double start = dir > 0 ? a[1] + 6 : a[1] - 6 - h;
						double mid = (a[1] + b[1]) / 2 - h / 2;
						for (double y : new double[] { start, mid }) {
							candidates.add(new Box(a[0] + 5, y, w, h));
							candidates.add(new Box(a[0] - 5 - w, y, w, h));
						}
					}
				}
				choose(flow.getId(), candidates, flow);
			}
		}

		private void choose(String id, List<Box> candidates, SequenceFlow own) {
			Box best = null;
			double bestScore = Double.MAX_VALUE;
			for (int c = 0; c < candidates.size(); c++) {
				Box box = candidates.get(c);
				double score = c * 1.0;
				for (Map.Entry<String, Box> shape : this.boxes.entrySet()) {
					BaseElement element = this.model.getModelElementById(shape.getKey());
					if (element instanceof SubProcess) {
						Box sub = shape.getValue();
						// Inside or outside, not across a sub-process's border.
						boolean inside = sub.containsClosed(box.x, box.y)
								&& sub.containsClosed(box.x + box.w, box.y + box.h);
						if (box.overlaps(sub) && !inside) {
							score += 500;
						}
						continue;
					}
					if (box.grow(2).overlaps(shape.getValue())) {
						score += 1000;
					}
				}
				for (Box other : this.labels.values()) {
					if (box.grow(2).overlaps(other)) {
						score += 1000;
					}
				}
				for (Map.Entry<String, List<double[]>> route : this.routes.entrySet()) {
					List<double[]> points = route.getValue();
					for (int k = 1; k < points.size(); k++) {
						double[] a = points.get(k - 1);
						double[] b = points.get(k);
						boolean mine = route.getKey().equals(own == null ? null : own.getId());
						if ((mine ? box : box.grow(5)).hitBy(a[0], a[1], b[0], b[1])) {
							score += mine ? 80 : 60;
						}
					}
				}
				if (score < bestScore) {
					bestScore = score;
					best = box;
				}
			}
			this.labels.put(id, new Box(Math.round(best.x), Math.round(best.y), best.w, best.h));
		}

		// ---- writing -------------------------------------------------------------

		/**
		 * The file's text with the new names and diagram: everything else stays byte for
		 * byte as it was.
		 */
		String write(String xml) {
			String out = xml;
			for (String id : renamed()) {
				BaseElement element = this.model.getModelElementById(id);
				out = rename(out, id, element.getAttributeValue("name"));
			}
			int from = out.indexOf("<bpmndi:BPMNDiagram");
			int to = out.indexOf("</bpmndi:BPMNDiagram>") + "</bpmndi:BPMNDiagram>".length();
			from = out.lastIndexOf('\n', from) + 1;
			return out.substring(0, from) + diagram() + out.substring(to);
		}

		private List<String> renamed() {
			List<String> ids = new ArrayList<>();
			for (String key : this.names.keySet()) {
				if (key.contains("->")) {
					String[] ends = key.split("->");
					ids.add(flows().stream()
						.filter(flow -> flow.getSource().getId().equals(ends[0])
								&& flow.getTarget().getId().equals(ends[1]))
						.findFirst()
						.orElseThrow()
						.getId());
				}
				else {
					ids.add(key);
				}
			}
			return ids;
		}

		private static String rename(String xml, String id, String name) {
			java.util.regex.Matcher tag = java.util.regex.Pattern
				.compile("<[A-Za-z:]+\\s[^>]*\\bid=\"" + java.util.regex.Pattern.quote(id) + "\"[^>]*>")
				.matcher(xml);
			if (!tag.find()) {
				throw new IllegalArgumentException("no tag for " + id);
			}
			String text = tag.group();
			String escaped = name.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
			String renamed = text.contains(" name=\"")
					? text.replaceFirst(" name=\"[^\"]*\"",
							java.util.regex.Matcher.quoteReplacement(" name=\"" + escaped + "\""))
					: text.replaceFirst(" id=\"",
							java.util.regex.Matcher.quoteReplacement(" name=\"" + escaped + "\" id=\""));
			return xml.substring(0, tag.start()) + renamed + xml.substring(tag.end());
		}

		private String diagram() {
			Process process = this.model.getModelElementsByType(Process.class).iterator().next();
			String key = process.getId().replace('-', '_');
			StringBuilder out = new StringBuilder();
			out.append("  <bpmndi:BPMNDiagram id=\"BPMNDiagram_").append(key).append("\">\n");
			out.append("    <bpmndi:BPMNPlane bpmnElement=\"")
				.append(process.getId())
				.append("\" id=\"BPMNPlane_")
				.append(key)
				.append("\">\n");
			for (FlowNode node : inDrawingOrder(process)) {
				out.append("      <bpmndi:BPMNShape bpmnElement=\"")
					.append(node.getId())
					.append("\" id=\"")
					.append(node.getId())
					.append("_di\"");
				if (node instanceof SubProcess) {
					out.append(" isExpanded=\"true\"");
				}
				if (node instanceof Gateway) {
					out.append(" isMarkerVisible=\"true\"");
				}
				out.append(">\n");
				out.append("        ").append(bounds(this.boxes.get(node.getId()))).append('\n');
				label(out, this.labels.get(node.getId()));
				out.append("      </bpmndi:BPMNShape>\n");
			}
			for (SequenceFlow flow : flows()) {
				out.append("      <bpmndi:BPMNEdge bpmnElement=\"")
					.append(flow.getId())
					.append("\" id=\"")
					.append(flow.getId().replace("sequenceFlow_", "BPMNEdge_"))
					.append("\">\n");
				for (double[] point : this.routes.get(flow.getId())) {
					out.append("        <di:waypoint x=\"")
						.append(number(point[0]))
						.append("\" y=\"")
						.append(number(point[1]))
						.append("\"/>\n");
				}
				label(out, this.labels.get(flow.getId()));
				out.append("      </bpmndi:BPMNEdge>\n");
			}
			out.append("    </bpmndi:BPMNPlane>\n");
			out.append("  </bpmndi:BPMNDiagram>");
			return out.toString();
		}

		private static void label(StringBuilder out, Box label) {
			if (label != null) {
				out.append("        <bpmndi:BPMNLabel>\n");
				out.append("          ").append(bounds(label)).append('\n');
				out.append("        </bpmndi:BPMNLabel>\n");
			}
		}

		private static String bounds(Box box) {
			return "<dc:Bounds height=\"" + number(box.h) + "\" width=\"" + number(box.w) + "\" x=\"" + number(box.x)
					+ "\" y=\"" + number(box.y) + "\"/>";
		}

		private static String number(double value) {
			return Double.toString(Math.round(value * 10) / 10.0);
		}

		private List<FlowNode> inDrawingOrder(ModelElementInstance parent) {
			List<FlowNode> order = new ArrayList<>();
			Collection<FlowNode> children = parent.getChildElementsByType(FlowNode.class);
			for (FlowNode child : children) {
				order.add(child);
				if (child instanceof SubProcess) {
					order.addAll(inDrawingOrder(child));
				}
			}
			return order;
		}

	}

	static int depth(ModelElementInstance element) {
		int depth = 0;
		for (ModelElementInstance p = element.getParentElement(); p != null; p = p.getParentElement()) {
			depth++;
		}
		return depth;
	}

	static boolean holds(FlowNode container, FlowNode node) {
		for (ModelElementInstance p = node.getParentElement(); p != null; p = p.getParentElement()) {
			if (p == container) {
				return true;
			}
		}
		return false;
	}

}
