package org.passage.processes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions of style.md for every BPMN model Passage ships, checked model by model.
 */
class BpmnConventionsTest {

	private static final Path MODELS = Path.of("src/main/resources/bpmn");

	private static final Path FORMS = Path.of("src/main/resources/forms");

	/** Variable names that would put personal data into Camunda's history tables. */
	private static final Set<String> PERSONAL = Set.of("name", "firstName", "lastName", "dateOfBirth", "birthDate",
			"nationality", "address", "phone", "email", "passportNumber", "documentNumber", "sex", "gender", "age");

	@TestFactory
	Stream<DynamicTest> everyModelFollowsTheConventions() throws IOException {
		List<Path> models;
		try (Stream<Path> files = Files.list(MODELS)) {
			models = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
		}
		assertThat(models).isNotEmpty();
		return models.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
	}

	/**
	 * A form's id is its file name; the fields it hands to the process are never personal
	 * data.
	 */
	@TestFactory
	Stream<DynamicTest> everyFormIsNamedByItsIdAndKeepsPersonalDataOutOfTheProcess() throws IOException {
		List<Path> forms;
		try (Stream<Path> files = Files.list(FORMS)) {
			forms = files.filter(file -> file.toString().endsWith(".form")).sorted().toList();
		}
		return forms.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
			JsonNode form = new ObjectMapper().readTree(file.toFile());
			assertThat(form.path("id").asText() + ".form").isEqualTo(file.getFileName().toString());
			for (JsonNode field : form.path("components")) {
				assertThat(field.path("key").asText()).as("every field has a key").isNotBlank();
				if (field.path("properties").path("processVariable").asBoolean()) {
					assertThat(PERSONAL).as("process variable from " + file).doesNotContain(field.path("key").asText());
				}
			}
		}));
	}

	private static void check(Path file) throws IOException {
		BpmnModelInstance model;
		try (InputStream in = Files.newInputStream(file)) {
			model = Bpmn.readModelFromStream(in);
		}
		Bpmn.validateModel(model);
		String key = file.getFileName().toString().replace(".bpmn", "");
		Process process = model.getModelElementsByType(Process.class).iterator().next();
		assertThat(process.getId()).as("process key is the file name").isEqualTo(key);
		assertThat(process.getCamundaHistoryTimeToLiveString()).as("history time to live").isNotBlank();
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			assertThat(task.getCamundaCandidateGroups()).as(task.getId() + " has candidate groups").isNotBlank();
			assertThat(task.getCamundaFormRef()).as(task.getId() + " has a Camunda form").isNotBlank();
			assertThat(FORMS.resolve(task.getCamundaFormRef() + ".form")).as(task.getId() + "'s form").exists();
		}
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " is asyncBefore").isTrue();
			assertThat(task.getExtensionElements()
				.getElementsQuery()
				.filterByType(CamundaFailedJobRetryTimeCycle.class)
				.count()).as(task.getId() + " has a retry cycle").isEqualTo(1);
		}
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			assertThat(node.getId()).as("id of a " + node.getElementType().getTypeName())
				.matches("(Activity|Gateway|Event)_[A-Z][A-Za-z]+");
		}
		assertThat(model.getModelElementsByType(BpmnShape.class)).as("diagram for Modeler")
			.hasSizeGreaterThanOrEqualTo(model.getModelElementsByType(FlowNode.class).size());
		assertThat(model.getModelElementsByType(BpmnEdge.class)).as("a drawn edge for every sequence flow")
			.hasSameSizeAs(model.getModelElementsByType(SequenceFlow.class));
		// Every name an expression reads or sets: process variables, which Camunda copies
		// into its history.
		Matcher expression = Pattern.compile("\\$\\{([^}]*)}").matcher(Bpmn.convertToString(model));
		while (expression.find()) {
			Matcher name = Pattern.compile("'?([A-Za-z_][A-Za-z0-9_]*)").matcher(expression.group(1));
			while (name.find()) {
				assertThat(PERSONAL).as("variable in " + expression.group()).doesNotContain(name.group(1));
			}
		}
	}

}
