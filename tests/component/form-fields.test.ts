import { mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import CheckboxGroup from '../../src/components/CheckboxGroup.vue'
import DateInput from '../../src/components/DateInput.vue'
import PasswordInput from '../../src/components/PasswordInput.vue'
import RadioGroup from '../../src/components/RadioGroup.vue'
import SelectField from '../../src/components/SelectField.vue'
import TextareaField from '../../src/components/TextareaField.vue'
import TextInput from '../../src/components/TextInput.vue'

describe('RadioGroup', () => {
  const options = [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No', hint: 'Not now' },
  ]

  it('gives the first option’s hint an id of its own, never the group hint’s', () => {
    const hinted = [{ value: 'yes', label: 'Yes', hint: 'Since September' }, ...options.slice(1)]
    const wrapper = mount(RadioGroup, { props: { name: 'ehcp', legend: 'Has an EHCP?', hint: 'From the plan', options: hinted, modelValue: undefined } })
    const ids = wrapper.findAll('[id]').map((element) => element.attributes('id'))
    expect(ids.filter((id) => id === 'ehcp-hint')).toHaveLength(1)
    expect(wrapper.find('#ehcp').attributes('aria-describedby')).toBe('ehcp-item-hint')
    expect(wrapper.find('fieldset').attributes('aria-describedby')).toBe('ehcp-hint')
  })

  it('is a fieldset whose legend names the question, and whose first radio carries the field id', () => {
    const wrapper = mount(RadioGroup, { props: { name: 'ehcp', legend: 'Has an EHCP?', options, modelValue: undefined } })
    expect(wrapper.find('legend').text()).toBe('Has an EHCP?')
    expect(wrapper.findAll('input').map((input) => input.attributes('id'))).toEqual(['ehcp', 'ehcp-2'])
    expect(wrapper.find('label[for="ehcp-2"]').text()).toBe('No')
    expect(wrapper.find('#ehcp-2').attributes('aria-describedby')).toBe('ehcp-2-item-hint')
  })

  it('emits the chosen value', async () => {
    const wrapper = mount(RadioGroup, { props: { name: 'ehcp', legend: 'Has an EHCP?', options, modelValue: undefined } })
    await wrapper.find('#ehcp-2').setValue(true)
    expect(wrapper.emitted('update:modelValue')).toEqual([['no']])
  })

  it('shows an error tied to the fieldset', () => {
    const wrapper = mount(RadioGroup, { props: { name: 'ehcp', legend: 'Q', options, modelValue: undefined, error: 'Select yes or no' } })
    expect(wrapper.find('.govuk-form-group--error').exists()).toBe(true)
    expect(wrapper.find('fieldset').attributes('aria-describedby')).toBe('ehcp-error')
    expect(wrapper.find('#ehcp-error').text()).toBe('Error: Select yes or no')
  })
})

describe('DateInput', () => {
  it('has a labelled box for day, month and year, numeric on phones', () => {
    const wrapper = mount(DateInput, { props: { id: 'dob', legend: 'Date of birth', modelValue: { day: '', month: '', year: '' } } })
    expect(wrapper.findAll('label').map((label) => [label.attributes('for'), label.text()])).toEqual([
      ['dob', 'Day'],
      ['dob-month', 'Month'],
      ['dob-year', 'Year'],
    ])
    for (const input of wrapper.findAll('input')) expect(input.attributes('inputmode')).toBe('numeric')
  })

  it('emits the parts as typed, leaving the others alone', async () => {
    const wrapper = mount(DateInput, { props: { id: 'dob', legend: 'Date of birth', modelValue: { day: '3', month: '', year: '' } } })
    await wrapper.find('#dob-year').setValue('2019')
    expect(wrapper.emitted('update:modelValue')).toEqual([[{ day: '3', month: '', year: '2019' }]])
  })

  it('marks every box in error', () => {
    const wrapper = mount(DateInput, {
      props: { id: 'dob', legend: 'Date of birth', error: 'Date of birth must be a real date', modelValue: { day: '31', month: '2', year: '2020' } },
    })
    expect(wrapper.findAll('.govuk-input--error')).toHaveLength(3)
    expect(wrapper.find('fieldset').attributes('aria-describedby')).toBe('dob-error')
  })
})

describe('fields that can hold personal data', () => {
  const options = [{ value: 'a', label: 'A' }]
  const controls = (wrapper: VueWrapper) => wrapper.findAll('input, textarea, select')

  // Chromium keeps no autofill entry and no restorable form state for a control with autocomplete off.
  it.each([
    ['TextInput', () => mount(TextInput, { props: { id: 'f', label: 'L', modelValue: '' } })],
    ['TextareaField', () => mount(TextareaField, { props: { id: 'f', label: 'L', modelValue: '' } })],
    ['DateInput', () => mount(DateInput, { props: { id: 'f', legend: 'L', modelValue: { day: '', month: '', year: '' } } })],
    ['SelectField', () => mount(SelectField, { props: { id: 'f', label: 'L', placeholder: 'P', options, modelValue: '' } })],
    ['RadioGroup', () => mount(RadioGroup, { props: { name: 'f', legend: 'L', options, modelValue: undefined } })],
    ['CheckboxGroup', () => mount(CheckboxGroup, { props: { name: 'f', legend: 'L', options, modelValue: [] } })],
  ])('%s asks the browser to keep none of it', (_name, render) => {
    const fields = controls(render())
    expect(fields.length).toBeGreaterThan(0)
    for (const field of fields) expect(field.attributes('autocomplete')).toBe('off')
  })

  it('a passphrase is for the password manager while hidden, and kept by nothing while shown', async () => {
    const wrapper = mount(PasswordInput, { props: { id: 'p', label: 'Passphrase', autocomplete: 'current-password', modelValue: '' } })
    expect(wrapper.find('input').attributes('autocomplete')).toBe('current-password')
    await wrapper.find('button').trigger('click')
    expect(wrapper.find('input').attributes()).toMatchObject({ type: 'text', autocomplete: 'off' })
  })

  it('a page cannot ask for autofill on a text input', () => {
    const wrapper = mount(TextInput, { props: { id: 'f', label: 'L', modelValue: '' }, attrs: { autocomplete: 'name' } })
    expect(wrapper.find('input').attributes('autocomplete')).toBe('off')
  })
})
