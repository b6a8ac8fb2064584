import type { Component } from 'vue'
import CheckboxGroup from '../../components/CheckboxGroup.vue'
import DateInput from '../../components/DateInput.vue'
import RadioGroup from '../../components/RadioGroup.vue'
import SelectField from '../../components/SelectField.vue'
import TextareaField from '../../components/TextareaField.vue'
import TextInput from '../../components/TextInput.vue'
import type { CaseProblem } from '../../domain/forum-case'
import { optionsOf, type CaseContext, type CaseField, type CaseFieldKind } from '../../domain/forum-case-sections'
import PlanUpdatesField from './PlanUpdatesField.vue'
import StrategiesField from './StrategiesField.vue'

type FieldOfKind<Kind extends CaseFieldKind> = Extract<CaseField, { kind: Kind }>
type ErrorFor = (field: string) => CaseProblem | undefined

/** How the section page shows each kind of field in the table (forum-case-sections.ts): its component, and that component's props. */
const FIELD_COMPONENTS: { [Kind in CaseFieldKind]: { component: Component; props(field: FieldOfKind<Kind>, errorFor: ErrorFor, context: CaseContext): Record<string, unknown> } } = {
  text: { component: TextInput, props: (field, errorFor) => ({ id: field.id, label: field.label, hint: field.hint, width: field.width, error: errorFor(field.id)?.message }) },
  textarea: {
    component: TextareaField,
    props: (field, errorFor) => ({ id: field.id, label: field.label, hint: field.hint, rows: field.rows, large: field.large, error: errorFor(field.id)?.message }),
  },
  date: {
    component: DateInput,
    props: (field, errorFor) => ({ id: field.id, legend: field.label, hint: field.hint, error: errorFor(field.id)?.message, errorParts: errorFor(field.id)?.parts }),
  },
  radio: {
    component: RadioGroup,
    props: (field, errorFor, context) => ({ name: field.id, legend: field.label, hint: field.hint, options: optionsOf(field, context), error: errorFor(field.id)?.message }),
  },
  select: {
    component: SelectField,
    props: (field, errorFor, context) => ({
      id: field.id,
      label: field.label,
      hint: field.hint,
      placeholder: field.placeholder,
      options: optionsOf(field, context),
      error: errorFor(field.id)?.message,
    }),
  },
  checkboxes: {
    component: CheckboxGroup,
    props: (field, errorFor, context) => ({ name: field.id, legend: field.label, hint: field.hint, options: optionsOf(field, context), error: errorFor(field.id)?.message }),
  },
  strategies: { component: StrategiesField, props: (_field, errorFor) => ({ errorFor }) },
  'plan-updates': { component: PlanUpdatesField, props: (field, errorFor) => ({ id: field.id, errorFor }) },
}

/** The component that shows `field`, with its props (the problem beside it, if any). */
export function fieldComponent(field: CaseField, errorFor: ErrorFor, context: CaseContext): { component: Component; props: Record<string, unknown> } {
  const shown = FIELD_COMPONENTS[field.kind] as { component: Component; props(field: CaseField, errorFor: ErrorFor, context: CaseContext): Record<string, unknown> }
  return { component: shown.component, props: shown.props(field, errorFor, context) }
}
