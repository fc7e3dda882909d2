/**
 * The assignment preview command: reads a group's current state as JSON, applies a scale
 * event (members joining or leaving) and shows what each assignor would do.
 *
 * <p>Unlike the rest of the library this package needs Jackson and picocli; both are
 * optional dependencies of the module, bundled only into the runnable preview jar.
 * Input errors surface as {@link io.roster.assignor.preview.InvalidInputException}, whose
 * message starts with the field at fault; {@link io.roster.assignor.preview.PreviewCommand}
 * is the one place that turns them into an exit code.
 */
package io.roster.assignor.preview;
