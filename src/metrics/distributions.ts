// biome-ignore-all lint/correctness/noPrecisionLoss: the published Numerical Recipes digits, kept as printed (float64 rounds them)
/**
 * Special functions for the tests' p-values: log-gamma, the regularized incomplete beta
 * and gamma functions, the Student t and standard normal CDFs. Algorithms as in Press et
 * al., "Numerical Recipes" (3rd ed., sections 6.1, 6.2, 6.4): Lanczos log-gamma, series /
 * continued fractions evaluated with the modified Lentz method; about 1e-13 relative.
 */

const lanczosCoefficients = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 671/128). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new Error(`logGamma: x must be > 0, got ${x}`);
  let y = x;
  const base = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(base) - base;
  let series = 0.999999999999997092;
  for (const coefficient of lanczosCoefficients) series += coefficient / ++y;
  return tmp + Math.log((2.5066282746310005 * series) / x);
}

const tiny = 1e-300;
const epsilon = 1e-15;

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  // One step of the modified Lentz recurrence with coefficient aa: the factor h is multiplied by.
  const step = (aa: number): number => {
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    return d * c;
  };
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    h *= step((m * (b - m) * x) / ((qam + m2) * (a + m2)));
    const delta = step((-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2)));
    h *= delta;
    if (Math.abs(delta - 1) <= epsilon) return h;
  }
  throw new Error(`incomplete beta: continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/** The regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`regularizedIncompleteBeta: a and b must be > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided tail P(|T| >= |t|) of Student's t with `degreesOfFreedom` = I_{ν/(ν+t²)}(ν/2, 1/2). */
export function studentTTwoSidedPValue(t: number, degreesOfFreedom: number): number {
  if (!(degreesOfFreedom > 0)) throw new Error(`studentT: degreesOfFreedom must be > 0, got ${degreesOfFreedom}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
}

/** CDF of Student's t distribution: P(T <= t). */
export function studentTCdf(t: number, degreesOfFreedom: number): number {
  const tail = studentTTwoSidedPValue(t, degreesOfFreedom) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/** The regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), a > 0, x >= 0. */
export function regularizedUpperGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new Error(`regularizedUpperGamma: need a > 0 and x >= 0, got a=${a}, x=${x}`);
  if (x === 0) return 1;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series for the lower function P(a, x).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * epsilon) return 1 - sum * Math.exp(logFront);
    }
    throw new Error(`regularizedUpperGamma: series did not converge for a=${a}, x=${x}`);
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 10000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= epsilon) return Math.exp(logFront) * h;
  }
  throw new Error(`regularizedUpperGamma: continued fraction did not converge for a=${a}, x=${x}`);
}

/** Standard normal upper tail P(Z >= z) = erfc(z / √2) / 2, with erfc(y) = Q(1/2, y²). */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const half = regularizedUpperGamma(0.5, (z * z) / 2) / 2;
  return z >= 0 ? half : 1 - half;
}

/**
 * The inverse of {@link studentTCdf}: the t with P(T <= t) = `probability` under
 * `degreesOfFreedom`, by bisection on the incomplete-beta CDF (100 halvings of a bracket
 * that doubles until it holds the answer; symmetric, so a probability below 1/2 gives the
 * negated upper quantile). E.g. t_{0.975, 4} = 2.7764, t_{0.975, 9} = 2.2622.
 */
export function studentTInverseCdf(probability: number, degreesOfFreedom: number): number {
  if (!(probability > 0 && probability < 1))
    throw new Error(`studentTInverseCdf: probability must lie strictly between 0 and 1, got ${probability}`);
  if (!(degreesOfFreedom > 0))
    throw new Error(`studentTInverseCdf: degreesOfFreedom must be > 0, got ${degreesOfFreedom}`);
  if (probability < 0.5) return -studentTInverseCdf(1 - probability, degreesOfFreedom);
  if (probability === 0.5) return 0;
  let low = 0;
  let high = 1;
  while (studentTCdf(high, degreesOfFreedom) < probability) {
    low = high;
    high *= 2;
  }
  for (let step = 0; step < 100 && high - low > 1e-15 * high; step++) {
    const middle = (low + high) / 2;
    if (studentTCdf(middle, degreesOfFreedom) < probability) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
