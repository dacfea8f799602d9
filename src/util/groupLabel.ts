/** One member of a stacked training group, as its progress label names it. */
export interface GroupMember {
  /** Short name of what it trains: a method's registry letter (A, B, ...) or a teacher's role. */
  name: string;
  seed: number;
}

/**
 * The task label of a stacked group in progress lines, naming what it holds:
 * `group of 25 students: A, B, C, D, E x 5 seeds`. Names keep their first-appearance order;
 * names trained on different seed sets are listed by seed count (`A, B x 5 seeds; C x 2 seeds`);
 * a name with several members per seed (sweep points) says how many (`A (3 settings) x 5 seeds`).
 */
export function groupLabel(members: GroupMember[], kind: 'students' | 'teachers'): string {
  const seedsByName = new Map<string, number[]>();
  const countByName = new Map<string, number>();
  for (const member of members) {
    const seeds = seedsByName.get(member.name) ?? [];
    if (!seeds.includes(member.seed)) seeds.push(member.seed);
    seedsByName.set(member.name, seeds);
    countByName.set(member.name, (countByName.get(member.name) ?? 0) + 1);
  }
  const described = [...seedsByName.entries()].map(([name, seeds]) => {
    const perSeed = (countByName.get(name) ?? 0) / seeds.length;
    const settings =
      Number.isInteger(perSeed) && perSeed > 1
        ? ` (${perSeed} settings)`
        : perSeed > 1
          ? ` (${countByName.get(name)} runs)`
          : '';
    const seedKey = [...seeds].sort((left, right) => left - right).join(',');
    return { text: `${name}${settings}`, seedKey, seedCount: seeds.length, firstSeed: seeds[0] };
  });
  // Consecutive names on the same seeds share one "x N seeds".
  const parts: string[] = [];
  for (let start = 0; start < described.length; ) {
    let end = start + 1;
    while (end < described.length && described[end].seedKey === described[start].seedKey) end++;
    const { seedCount, firstSeed } = described[start];
    const seedText = seedCount === 1 ? `seed ${firstSeed}` : `${seedCount} seeds`;
    parts.push(
      `${described
        .slice(start, end)
        .map((entry) => entry.text)
        .join(', ')} x ${seedText}`,
    );
    start = end;
  }
  return `group of ${members.length} ${members.length === 1 ? kind.replace(/s$/, '') : kind}: ${parts.join('; ')}`;
}
