/** JSONata expressions: results as plain JSON, errors naming the position, and a time limit. */
import { describe, expect, it } from 'vitest'
import { evaluateExpression, expressionError } from '../../../src/main/core/dag/expression'

const data = { input: { orders: [{ sku: 'a', qty: 2, price: 5 }, { sku: 'b', qty: 1, price: 10 }] }, status: 200 }

describe('evaluateExpression', () => {
  it('evaluates over the data and returns plain JSON', async () => {
    expect(await evaluateExpression('$sum(input.orders.(qty * price))', data)).toBe(20)
    const skus = await evaluateExpression('input.orders.sku', data)
    expect(skus).toEqual(['a', 'b'])
    expect(Object.keys(skus as object)).toEqual(['0', '1'])
    expect(await evaluateExpression('status = 200 and $count(input.orders) > 1', data)).toBe(true)
    expect(await evaluateExpression('input.missing', data)).toBeNull()
    expect(await evaluateExpression('{ "first": input.orders[0].sku }', data)).toEqual({ first: 'a' })
  })

  it('reports a syntax error with its position', async () => {
    await expect(evaluateExpression('input.orders[', data)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^The JSONata expression is not valid at position \d+: .+\.$/)
    })
    expect(expressionError('input.orders.(qty * price')).toMatch(/^The JSONata expression is not valid at position \d+: Expected "\)"/)
    expect(expressionError('$sum(input.orders.qty)')).toBeNull()
  })

  it('reports an evaluation error with its position and token', async () => {
    await expect(evaluateExpression('"x" + 1', data)).rejects.toMatchObject({
      code: 'SANDBOX',
      message: 'The JSONata expression failed at position 5 (near "+"): The left side of the "+" operator must evaluate to a number.'
    })
    await expect(evaluateExpression('$error("no stock")', data)).rejects.toMatchObject({ code: 'SANDBOX', message: expect.stringContaining('no stock') })
  })

  it('stops an endless recursion at its time limit, and one that nests forever', async () => {
    const started = Date.now()
    await expect(evaluateExpression('($f := function($n) { $f($n + 1) }; $f(0))', data, undefined, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'SANDBOX',
      message: 'The JSONata expression ran longer than 200 ms and was stopped: check for endless recursion.'
    })
    expect(Date.now() - started).toBeLessThan(5_000)
    await expect(evaluateExpression('($f := function($n) { 1 + $f($n + 1) }; $f(0))', data)).rejects.toMatchObject({
      code: 'SANDBOX',
      message: expect.stringMatching(/nested too deeply|ran longer than 1000 ms/)
    })
  })

  it('refuses a function as a result', async () => {
    await expect(evaluateExpression('function($x) { $x }', data)).rejects.toMatchObject({ code: 'SANDBOX', message: expect.stringContaining('returned a function') })
  })

  it('is stopped by an aborted signal', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(evaluateExpression('1 + 1', data, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
