package dev.rehearse.fieldnames;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/** Writes the {@code <Record>Fields} class of every record marked {@link FieldNames}. */
@SupportedAnnotationTypes("dev.rehearse.fieldnames.FieldNames")
public final class FieldNamesProcessor extends AbstractProcessor {

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element element : round.getElementsAnnotatedWith(FieldNames.class)) {
      if (element.getKind() != ElementKind.RECORD && element.getKind() != ElementKind.INTERFACE) {
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                "@FieldNames applies to records and interfaces only",
                element);
        continue;
      }
      write((TypeElement) element);
    }
    return true;
  }

  private void write(TypeElement record) {
    String pkg =
        ((PackageElement) processingEnv.getElementUtils().getPackageOf(record))
            .getQualifiedName()
            .toString();
    String name = record.getSimpleName() + "Fields";
    StringBuilder source = new StringBuilder();
    source.append("package ").append(pkg).append(";\n\n");
    source
        .append("/** The field names of {@link ")
        .append(record.getSimpleName())
        .append("}. */\n");
    source
        .append("@javax.annotation.processing.Generated(\"")
        .append(FieldNamesProcessor.class.getName())
        .append("\")\n");
    body(record, name, "", true, source);
    try (Writer out =
        processingEnv.getFiler().createSourceFile(pkg + "." + name, record).openWriter()) {
      out.write(source.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void body(
      TypeElement record, String name, String indent, boolean top, StringBuilder source) {
    source.append(indent).append("public ").append(top ? "" : "static ").append("final class ");
    source.append(name).append(" {\n");
    source.append(indent).append("  private ").append(name).append("() {}\n");
    for (String field : fields(record)) {
      source.append('\n').append(indent).append("  /** {@code ").append(field).append("}. */\n");
      source.append(indent).append("  public static final String ").append(constant(field));
      source.append(" = \"").append(field).append("\";\n");
    }
    List<TypeElement> nested =
        record.getEnclosedElements().stream()
            .filter(e -> e.getKind() == ElementKind.RECORD)
            .filter(e -> e.getModifiers().contains(Modifier.PUBLIC))
            .map(TypeElement.class::cast)
            .toList();
    for (TypeElement inner : nested) {
      source.append('\n').append(indent).append("  /** The field names of {@code ");
      source.append(inner.getSimpleName()).append("}. */\n");
      body(inner, inner.getSimpleName().toString(), indent + "  ", false, source);
    }
    source.append(indent).append("}\n");
  }

  /**
   * A record's components; an interface's abstract accessors (the fields every implementing record
   * shares, such as an event's {@code sessionId}).
   */
  private static List<String> fields(TypeElement type) {
    if (type.getKind() == ElementKind.RECORD) {
      return type.getRecordComponents().stream().map(c -> c.getSimpleName().toString()).toList();
    }
    return type.getEnclosedElements().stream()
        .filter(e -> e.getKind() == ElementKind.METHOD)
        .map(ExecutableElement.class::cast)
        .filter(m -> m.getModifiers().contains(Modifier.ABSTRACT) && m.getParameters().isEmpty())
        .map(m -> m.getSimpleName().toString())
        .toList();
  }

  /**
   * {@code averageWordsPerMinute} → {@code AVERAGE_WORDS_PER_MINUTE}; {@code p10} → {@code P10}.
   */
  static String constant(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
