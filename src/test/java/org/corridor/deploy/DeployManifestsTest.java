package org.corridor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files under deploy/ (Kubernetes manifests, compose file) are valid and agree with the gateway: each
 * manifest reads strictly into the Kubernetes API's Java model (fabric8), selectors find the pods, probes ask the
 * actuator on the container's port, every environment variable is a setting the gateway knows, the compose nodes
 * share one home and run the cluster profile, and no secret value is committed.
 */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";
    private static final String HOME = "/var/lib/corridor";
    /** The one value a committed secret may have. */
    private static final String PLACEHOLDER = "CHANGE-ME";
    /** Names of variables and keys whose values are secrets. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|token|secret).*");

    private static final Map<String, Class<? extends HasMetadata>> MODEL = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /**
     * Jackson with the model's catch-all for unknown fields (every fabric8 class has an "additionalProperties" any
     * setter) switched off: a misspelt or misplaced field is an error, as it is for the API server's strict check.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(
                        DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                    if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
                        builder.setAnySetter(null);
                    }
                    return builder;
                }
            }))
            .build();

    @Test
    void everyManifestReadsStrictlyIntoTheKubernetesModel() {
        List<Path> manifests = manifestFiles();
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : manifests) {
            Map<String, Object> yaml = yaml(file);
            assertThat(yaml).as(file + ": apiVersion and kind").containsKeys("apiVersion", "kind");
            String type = yaml.get("apiVersion") + "/" + yaml.get("kind");
            assertThat(MODEL).as(file + ": a kind this test knows").containsKey(type);
            HasMetadata resource = STRICT.convertValue(yaml, MODEL.get(type));
            assertThat(resource.getMetadata().getName())
                    .as(file + ": metadata.name")
                    .isNotBlank();
        }
        assertThat(manifests.stream().map(this::resource).map(r -> r.getKind()))
                .contains("ConfigMap", "Secret", "PersistentVolumeClaim", "Deployment", "Service")
                .contains("PodDisruptionBudget");
    }

    @Test
    void theStrictReaderRefusesAFieldTheModelDoesNotHave() {
        Map<String, Object> service = yaml(K8S.resolve("service.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) service.get("spec");
        spec.put("selectr", spec.remove("selector"));
        assertThatThrownBy(() -> STRICT.convertValue(service, Service.class)).hasMessageContaining("selectr");
    }

    @Test
    void kustomizationAppliesEveryManifestButTheSecretTemplate() {
        Map<String, Object> kustomization = yaml(K8S.resolve("kustomization.yaml"));
        Set<String> expected = new TreeSet<>();
        manifestFiles().forEach(file -> expected.add(file.getFileName().toString()));
        expected.remove("secret.yaml");
        assertThat(new TreeSet<>(strings(kustomization.get("resources")))).isEqualTo(expected);
    }

    @Test
    void serviceAndDisruptionBudgetSelectTheGatewayPods() {
        Deployment deployment = resource(K8S.resolve("deployment.yaml"), Deployment.class);
        Map<String, String> podLabels =
                deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = resource(K8S.resolve("service.yaml"), Service.class);
        PodDisruptionBudget budget = resource(K8S.resolve("pdb.yaml"), PodDisruptionBudget.class);

        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isNotEmpty();
        assertThat(podLabels)
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(service.getSpec().getSelector()).isNotEmpty();
        assertThat(podLabels)
                .as("the Service's selector")
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isNotEmpty();
        assertThat(podLabels)
                .as("the PodDisruptionBudget's selector")
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        Container gateway = gateway(deployment);
        service.getSpec()
                .getPorts()
                .forEach(port -> assertThat(isPortOf(port.getTargetPort(), gateway))
                        .as("the Service's target port " + port.getTargetPort() + " is a port of the container")
                        .isTrue());
        // one node may go at a time: at least two of the three keep working
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        assertThat(
                        minAvailable != null
                                ? minAvailable.getIntVal()
                                        == deployment.getSpec().getReplicas() - 1
                                : maxUnavailable != null && maxUnavailable.getIntVal() == 1)
                .as("minAvailable " + minAvailable + " or maxUnavailable " + maxUnavailable)
                .isTrue();
        for (Path file : manifestFiles()) {
            HasMetadata resource = resource(file);
            if (!(resource instanceof Namespace)) {
                assertThat(resource.getMetadata().getNamespace())
                        .as(file + ": namespace")
                        .isEqualTo(resource(K8S.resolve("namespace.yaml"))
                                .getMetadata()
                                .getName());
            }
        }
    }

    @Test
    void probesAskTheActuatorOnTheContainerPort() {
        Deployment deployment = resource(K8S.resolve("deployment.yaml"), Deployment.class);
        Container gateway = gateway(deployment);
        assertThat(gateway.getPorts())
                .extracting(ContainerPort::getContainerPort)
                .containsExactly(8080);
        assertProbe(gateway.getLivenessProbe(), LIVENESS, gateway);
        assertProbe(gateway.getReadinessProbe(), READINESS, gateway);
        if (gateway.getStartupProbe() != null) {
            assertProbe(gateway.getStartupProbe(), LIVENESS, gateway);
        }
        // the server listens on the port the probes ask
        assertThat(configMap().get("SERVER_PORT"))
                .isEqualTo(gateway.getPorts().get(0).getContainerPort().toString());
        assertThat(configMap().get("SERVER_ADDRESS")).isEqualTo("0.0.0.0");
    }

    @Test
    void podsRunAsNonRootWithTimeToDrainAndTheSharedHome() {
        Deployment deployment = resource(K8S.resolve("deployment.yaml"), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container gateway = gateway(deployment);
        // Camel's shutdown-timeout (20 s) plus Tomcat's and the JVM's own stop
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(40L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
        assertThat(gateway.getResources().getRequests()).containsKeys("cpu", "memory");

        assertThat(configMap().get("CORRIDOR_HOME")).isEqualTo(HOME);
        VolumeMount home = gateway.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(HOME))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + HOME));
        Volume volume = pod.getVolumes().stream()
                .filter(v -> v.getName().equals(home.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + home.getName()));
        PersistentVolumeClaim claim = resource(K8S.resolve("pvc.yaml"), PersistentVolumeClaim.class);
        assertThat(volume.getPersistentVolumeClaim().getClaimName())
                .isEqualTo(claim.getMetadata().getName());
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    }

    @Test
    void everyEnvironmentVariableIsASettingTheGatewayKnows() {
        Set<String> names = new TreeSet<>(configMap().keySet());
        Container gateway = gateway(resource(K8S.resolve("deployment.yaml"), Deployment.class));
        gateway.getEnv().forEach(env -> names.add(env.getName()));
        gatewayServices(compose())
                .values()
                .forEach(service -> names.addAll(environment(service).keySet()));
        assertThat(names).contains("SPRING_PROFILES_ACTIVE", "CORRIDOR_HOME", "SPRING_ARTEMIS_BROKER_URL");

        Set<String> keys = knownSettings();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!bindsToAny(name, keys)) {
                unknown.add(name);
            }
        }
        assertThat(unknown)
                .as("environment variables that set nothing the gateway knows")
                .isEmpty();

        // what the Deployment takes from the ConfigMap and the Secret is there
        assertThat(gateway.getEnvFrom())
                .allSatisfy(from -> assertThat(from.getConfigMapRef().getName())
                        .isEqualTo(resource(K8S.resolve("configmap.yaml"))
                                .getMetadata()
                                .getName()));
        Secret secret = resource(K8S.resolve("secret.yaml"), Secret.class);
        gateway.getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .forEach(env -> {
                    assertThat(env.getValueFrom().getSecretKeyRef().getName())
                            .isEqualTo(secret.getMetadata().getName());
                    assertThat(secret.getStringData())
                            .containsKey(env.getValueFrom().getSecretKeyRef().getKey());
                });
    }

    @Test
    void composeNodesShareOneHomeAndRunTheClusterProfile() {
        Map<String, Object> compose = compose();
        Map<String, Map<String, Object>> services = services(compose);
        Map<String, Map<String, Object>> gateway = gatewayServices(compose);
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        Map<String, Map<String, Object>> brokers = new LinkedHashMap<>();
        gateway.forEach((name, service) ->
                ("broker".equals(first(service.get("command"))) ? brokers : nodes).put(name, service));
        assertThat(nodes).hasSize(3);
        assertThat(brokers).hasSize(1);
        String broker = brokers.keySet().iterator().next();

        Set<String> homeVolumes = new LinkedHashSet<>();
        Set<String> nodeIds = new LinkedHashSet<>();
        nodes.forEach((name, node) -> {
            Map<String, String> env = environment(node);
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).as(name).isEqualTo("cluster");
            assertThat(env.get("CORRIDOR_HOME")).as(name).isEqualTo(HOME);
            assertThat(URI.create(env.get("SPRING_ARTEMIS_BROKER_URL")).getHost())
                    .as(name + " reaches the broker service")
                    .isEqualTo(broker);
            String database = URI.create(env.get("SPRING_DATASOURCE_URL").substring("jdbc:".length()))
                    .getHost();
            assertThat(services).as(name + " reaches the database service").containsKey(database);
            assertThat(strings(services.get(database).get("image")).get(0)).startsWith("postgres:");
            assertThat(dependsOn(node)).as(name).contains(broker, database);
            homeVolumes.add(volumeAt(node, HOME));
            nodeIds.add(env.get("CORRIDOR_CLUSTER_NODEID"));
            assertThat(String.join(" ", strings(map(node.get("healthcheck")).get("test"))))
                    .as(name + " healthcheck")
                    .contains(READINESS);
            assertThat(durationSeconds(node.get("stop_grace_period")))
                    .as(name + " stop_grace_period")
                    .isGreaterThanOrEqualTo(40);
        });
        assertThat(homeVolumes).as("the nodes' home volumes").hasSize(1);
        assertThat(map(compose.get("volumes")))
                .containsKey(homeVolumes.iterator().next());
        assertThat(nodeIds).as("node ids").hasSize(3).doesNotContainNull();

        // the broker keeps its journal in a volume of its own, where its --data option says
        List<String> command = strings(brokers.get(broker).get("command"));
        String data = command.get(command.indexOf("--data") + 1);
        String brokerVolume = volumeAt(brokers.get(broker), data);
        assertThat(brokerVolume).isNotEqualTo(homeVolumes.iterator().next());
        assertThat(map(compose.get("volumes"))).containsKey(brokerVolume);
    }

    @Test
    void noSecretValueIsCommitted() {
        Secret secret = resource(K8S.resolve("secret.yaml"), Secret.class);
        assertThat(secret.getData())
                .as("base64 data: use stringData placeholders")
                .isNullOrEmpty();
        assertThat(secret.getStringData())
                .isNotEmpty()
                .allSatisfy((key, value) ->
                        assertThat(value).as("secret.yaml " + key).isEqualTo(PLACEHOLDER));
        assertThat(configMap().keySet())
                .noneMatch(key -> SECRET_NAME.matcher(key).matches());
        Container gateway = gateway(resource(K8S.resolve("deployment.yaml"), Deployment.class));
        for (EnvVar env : gateway.getEnv()) {
            if (SECRET_NAME.matcher(env.getName()).matches()) {
                assertThat(env.getValue())
                        .as(env.getName() + " is not written in the Deployment")
                        .isNull();
                assertThat(env.getValueFrom().getSecretKeyRef())
                        .as(env.getName() + " comes from the Secret")
                        .isNotNull();
            }
        }
        // compose takes every secret from deploy/.env, and refuses to start without it
        services(compose())
                .forEach((name, service) -> environment(service).forEach((key, value) -> {
                    if (SECRET_NAME.matcher(key).matches()) {
                        assertThat(value).as(name + " " + key).matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
                    }
                }));
        Map<String, String> example = new LinkedHashMap<>();
        lines(DEPLOY.resolve("env.example")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line ->
                        example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        example.forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as("env.example " + key).isEqualTo(PLACEHOLDER);
            }
        });
        // every variable compose asks for is in the example
        Set<String> asked = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?<!\\$)\\$\\{([A-Z0-9_]+)").matcher(read(COMPOSE));
        while (matcher.find()) {
            asked.add(matcher.group(1));
        }
        asked.remove("CORRIDOR_IMAGE");
        assertThat(example.keySet()).containsAll(asked);
    }

    // --- Kubernetes

    private static List<Path> manifestFiles() {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HasMetadata resource(Path file) {
        Map<String, Object> yaml = yaml(file);
        return STRICT.convertValue(yaml, MODEL.get(yaml.get("apiVersion") + "/" + yaml.get("kind")));
    }

    private static <T extends HasMetadata> T resource(Path file, Class<T> type) {
        return STRICT.convertValue(yaml(file), type);
    }

    private static Map<String, String> configMap() {
        return resource(K8S.resolve("configmap.yaml"), ConfigMap.class).getData();
    }

    private static Container gateway(Deployment deployment) {
        List<Container> containers =
                deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static void assertProbe(Probe probe, String path, Container container) {
        assertThat(probe).as("probe on " + path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(isPortOf(get.getPort(), container))
                .as(path + " asked on port " + get.getPort() + ", a port of the container")
                .isTrue();
    }

    private static boolean isPortOf(IntOrString port, Container container) {
        return container.getPorts().stream()
                .anyMatch(p -> port.getIntVal() != null
                        ? port.getIntVal().equals(p.getContainerPort())
                        : port.getStrVal().equals(p.getName()));
    }

    // --- compose

    private static Map<String, Object> compose() {
        return yaml(COMPOSE);
    }

    private static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    /** The services that run Corridor's image (the nodes and the broker). */
    private static Map<String, Map<String, Object>> gatewayServices(Map<String, Object> compose) {
        Map<String, Map<String, Object>> gateway = new LinkedHashMap<>();
        services(compose).forEach((name, service) -> {
            if (String.valueOf(service.get("image")).contains("corridor")) {
                gateway.put(name, service);
            }
        });
        return gateway;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        if (service.get("environment") != null) {
            map(service.get("environment")).forEach((key, value) -> env.put(key, String.valueOf(value)));
        }
        return env;
    }

    private static Set<String> dependsOn(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        return dependsOn instanceof Map<?, ?> conditions
                ? new TreeSet<>(map(conditions).keySet())
                : new TreeSet<>(strings(dependsOn));
    }

    /** The named volume a service mounts at {@code path}. */
    private static String volumeAt(Map<String, Object> service, String path) {
        return strings(service.get("volumes")).stream()
                .filter(volume -> volume.endsWith(":" + path))
                .map(volume -> volume.substring(0, volume.indexOf(':')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume at " + path + " in " + service));
    }

    private static int durationSeconds(Object value) {
        assertThat(String.valueOf(value)).matches("\\d+s");
        return Integer.parseInt(String.valueOf(value).replace("s", ""));
    }

    // --- the gateway's settings

    /**
     * Every setting the gateway knows: the keys of its application.yaml, and those Spring Boot documents in its
     * configuration metadata (spring.*, server.*, management.* of the jars on the classpath).
     */
    private static Set<String> knownSettings() {
        Set<String> keys = new TreeSet<>();
        flatten("", yaml(Path.of("src/main/resources/application.yaml")), keys);
        ObjectMapper json = new ObjectMapper();
        for (String resource : List.of(
                "META-INF/spring-configuration-metadata.json",
                "META-INF/additional-spring-configuration-metadata.json")) {
            try {
                for (URL url : Collections.list(
                        DeployManifestsTest.class.getClassLoader().getResources(resource))) {
                    try (InputStream in = url.openStream()) {
                        json.readTree(in)
                                .path("properties")
                                .forEach(p -> keys.add(p.path("name").asText()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        keys.removeIf(key -> !ConfigurationPropertyName.isValid(key));
        assertThat(keys)
                .contains(
                        "spring.datasource.url", "spring.profiles.active", "corridor.home", "corridor.cluster.node-id");
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> yaml, Set<String> keys) {
        yaml.forEach((key, value) -> {
            String name = prefix.isEmpty() ? key : prefix + "." + key;
            keys.add(name);
            if (value instanceof Map<?, ?> nested) {
                flatten(name, (Map<String, Object>) nested, keys);
            }
        });
    }

    /** Whether Spring Boot binds the environment variable {@code name} to one of {@code keys} (relaxed binding). */
    private static boolean bindsToAny(String name, Set<String> keys) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, "x")));
        for (String key : keys) {
            if (source.getConfigurationProperty(ConfigurationPropertyName.of(key)) != null) {
                return true;
            }
        }
        return false;
    }

    // --- YAML

    private static Map<String, Object> yaml(Path file) {
        // SnakeYAML, as compose reads it: anchors and merge keys (<<) resolved
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
        assertThat(document).as(file + " is a YAML mapping").isInstanceOf(Map.class);
        return map(document);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return new HashMap<>((Map<String, Object>) value);
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    private static String first(Object value) {
        List<String> strings = strings(value);
        return strings.isEmpty() ? null : strings.get(0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
