import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { StepUpDialog, type StepUpDialogProps } from '../../../web/features/step-up/components/step-up-dialog'
import { describeDecisionError } from '../../../web/features/step-up/lib/decision-errors'
import { ApiError } from '../../../web/lib/api-client'
import { fakeFetch } from '../support/fake-api'
import { renderWithProviders } from '../support/render'

function setup(props: Partial<StepUpDialogProps> = {}) {
  const onSubmit = vi.fn<StepUpDialogProps['onSubmit']>(async () => undefined)
  const onClose = vi.fn()
  const onReload = vi.fn()
  const user = userEvent.setup()
  renderWithProviders(
    <StepUpDialog
      open
      mode="handover"
      decision="confirm"
      person={{ name: 'Mehmet Yılmaz', employeeNo: 'E1002' }}
      tier="lead"
      summary={<p>23,96 € · Damaged</p>}
      onSubmit={onSubmit}
      onClose={onClose}
      onReload={onReload}
      {...props}
    />,
    { fetch: fakeFetch({}) },
  )
  return { user, onSubmit, onClose, onReload }
}

const fail = (status: number, code: string, details?: Record<string, unknown>) => async () => {
  throw new ApiError(status, code, code, details)
}

describe('StepUpDialog (hand-over on a shared tablet)', () => {
  it('tells the tablet owner whom to hand it to, and sends the manager’s own employee number and PIN', async () => {
    const { user, onSubmit } = setup()
    expect(screen.getByRole('heading', { name: 'Hand-over: second person decides' })).toBeInTheDocument()
    expect(screen.getByText('Hand this tablet to a shift lead or store manager')).toBeInTheDocument()
    expect(screen.getByText(/Mehmet Yılmaz stays signed in/)).toBeInTheDocument()
    // The manager types into an empty field: the owner's number is not offered.
    const employee = screen.getByLabelText('Employee number of the person deciding')
    expect(employee).toHaveValue('')
    expect(employee).toHaveFocus()

    await user.type(employee, ' e1004 ')
    await user.type(screen.getByLabelText('PIN'), '1004')
    await user.click(screen.getByRole('button', { name: 'Confirm correction' }))

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1))
    expect(onSubmit).toHaveBeenCalledWith({ decision: 'confirm', reason: '', credentials: { employeeNo: 'E1004', pin: '1004' } })
    // The secret does not outlive the attempt.
    expect(screen.getByLabelText('PIN')).toHaveValue('')
  })

  it('asks for what is missing without sending anything; a rejection needs a reason', async () => {
    const { user, onSubmit } = setup()
    await user.click(screen.getByRole('button', { name: 'Confirm correction' }))
    expect(screen.getByText('Enter the employee number.')).toBeInTheDocument()
    expect(screen.getByText('Enter the PIN.')).toBeInTheDocument()

    await user.click(screen.getByRole('radio', { name: 'Reject' }))
    await user.type(screen.getByLabelText('Employee number of the person deciding'), 'E1004')
    await user.type(screen.getByLabelText('PIN'), '12')
    await user.click(screen.getByRole('button', { name: 'Reject correction' }))
    expect(screen.getByText('Give a reason for the rejection.')).toBeInTheDocument()
    expect(screen.getByLabelText(/Why is it rejected/)).toHaveFocus()
    expect(onSubmit).not.toHaveBeenCalled()

    await user.type(screen.getByLabelText(/Why is it rejected/), 'Not damaged, found on the shelf')
    await user.click(screen.getByRole('button', { name: 'Reject correction' }))
    expect(screen.getByText('A PIN has 4 to 8 digits.')).toBeInTheDocument()
    expect(onSubmit).not.toHaveBeenCalled()

    await user.clear(screen.getByLabelText('PIN'))
    await user.type(screen.getByLabelText('PIN'), '1004')
    await user.click(screen.getByRole('button', { name: 'Reject correction' }))
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        decision: 'reject',
        reason: 'Not damaged, found on the shelf',
        credentials: { employeeNo: 'E1004', pin: '1004' },
      }),
    )
  })

  it('in self mode asks only for the signed-in person’s PIN (or password)', async () => {
    const { user, onSubmit } = setup({ mode: 'self', person: { name: 'Sabine Krüger', employeeNo: 'E1004' } })
    expect(screen.getByRole('heading', { name: 'Confirm with your PIN' })).toBeInTheDocument()
    expect(screen.queryByLabelText('Employee number of the person deciding')).not.toBeInTheDocument()
    expect(screen.queryByRole('radio', { name: 'Reject' })).not.toBeInTheDocument()
    expect(screen.getByLabelText('PIN')).toHaveFocus()
    await user.click(screen.getByRole('radio', { name: 'Password' }))
    await user.type(screen.getByLabelText('Password'), 'demo1234')
    await user.click(screen.getByRole('button', { name: 'Confirm correction' }))
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ decision: 'confirm', reason: '', credentials: { employeeNo: 'E1004', password: 'demo1234' } }),
    )
  })

  it.each([
    ['a wrong PIN', fail(401, 'INVALID_CREDENTIALS'), 'Wrong employee number or PIN', 'Employee number or PIN is not correct. Nothing was changed; try again.'],
    ['the enterer’s own PIN', fail(403, 'SELF_CONFIRMATION'), 'Not by the person who entered it', 'You entered this correction — another person must confirm it. Hand the tablet to a shift lead or store manager.'],
    ['a role below the tier', fail(403, 'TIER_NOT_COVERED', { tier: 'regional_manager' }), 'Approval limit exceeded', 'This correction’s value needs the regional manager. Nothing was changed.'],
    ['a stale version', fail(409, 'STALE_VERSION'), 'The correction changed', 'Someone changed or decided this correction since it was opened. Reload it and look again before deciding.'],
    ['a missing step-up', fail(401, 'STEP_UP_REQUIRED'), 'PIN needed', 'Enter the PIN again to sign this decision.'],
    ['stock going negative', fail(422, 'NEGATIVE_STOCK'), 'Stock would go below zero', 'Confirming would take the stock below zero. Ask for a count of the item first, then decide.'],
    ['a lost connection', fail(0, 'NETWORK_ERROR'), 'No connection', 'Confirming or rejecting needs a connection to the server. Nothing was changed — try again when the Wi-Fi is back.'],
    ['a locked account', fail(423, 'ACCOUNT_LOCKED'), 'Account locked', 'This account is locked after too many wrong PINs. Another manager can decide, or ask an administrator to unlock it.'],
  ])('explains %s in words', async (_case, onSubmit, title, text) => {
    const { user } = setup({ onSubmit })
    await user.type(screen.getByLabelText('Employee number of the person deciding'), 'E1004')
    await user.type(screen.getByLabelText('PIN'), '9999')
    await user.click(screen.getByRole('button', { name: 'Confirm correction' }))
    const alert = await screen.findByText(title)
    expect(alert).toBeInTheDocument()
    expect(screen.getByText(text.replace('’', "'"))).toBeInTheDocument()
    expect(screen.getByLabelText('PIN')).toHaveValue('')
  })

  it('offers a reload when the correction changed, and puts the focus back on the PIN after a wrong one', async () => {
    const onSubmit = vi.fn<StepUpDialogProps['onSubmit']>().mockRejectedValueOnce(new ApiError(401, 'INVALID_CREDENTIALS', 'x')).mockRejectedValueOnce(new ApiError(409, 'STALE_VERSION', 'x'))
    const { user, onReload } = setup({ onSubmit })
    await user.type(screen.getByLabelText('Employee number of the person deciding'), 'E1004')
    await user.type(screen.getByLabelText('PIN'), '1111')
    await user.click(screen.getByRole('button', { name: 'Confirm correction' }))
    await screen.findByText('Wrong employee number or PIN')
    expect(screen.getByLabelText('PIN')).toHaveFocus()

    await user.type(screen.getByLabelText('PIN'), '1004')
    await user.click(screen.getByRole('button', { name: 'Confirm correction' }))
    await user.click(await screen.findByRole('button', { name: 'Reload the correction' }))
    expect(onReload).toHaveBeenCalledTimes(1)
  })

  it('says a decision needs a connection while the tablet is offline, and sends nothing', async () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true)
    const { onSubmit } = setup()
    expect(screen.queryByText('Needs a connection')).not.toBeInTheDocument()
    onLine.mockReturnValue(false)
    act(() => void window.dispatchEvent(new Event('offline')))
    expect(screen.getByText('Needs a connection')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Confirm correction' })).toBeDisabled()
    expect(onSubmit).not.toHaveBeenCalled()
    onLine.mockReturnValue(true)
    act(() => void window.dispatchEvent(new Event('online')))
    expect(screen.getByRole('button', { name: 'Confirm correction' })).toBeEnabled()
  })
})

describe('describeDecisionError', () => {
  it('maps the corrections API codes to what the person can do next', () => {
    expect(describeDecisionError(new ApiError(409, 'STALE_VERSION', ''))).toMatchObject({ key: 'staleVersion', reload: true })
    expect(describeDecisionError(new ApiError(409, 'INVALID_STATE', ''))).toMatchObject({ key: 'alreadyDecided', reload: true })
    expect(describeDecisionError(new ApiError(403, 'SELF_CONFIRMATION', ''))).toMatchObject({ key: 'selfConfirmation', handOver: true })
    expect(describeDecisionError(new ApiError(403, 'TIER_NOT_COVERED', '', { tier: 'store_manager' }))).toMatchObject({ tier: 'store_manager' })
    expect(describeDecisionError(new ApiError(401, 'INVALID_CREDENTIALS', ''))).toMatchObject({ key: 'invalidCredentials', field: 'secret' })
    expect(describeDecisionError(new ApiError(200, 'ANYTHING', ''), false)).toEqual({ key: 'offline' })
    expect(describeDecisionError(new Error('boom'))).toEqual({ key: 'generic' })
    expect(describeDecisionError(new ApiError(500, 'INTERNAL', ''))).toEqual({ key: 'generic' })
  })
})
