import { Injectable, OnModuleInit } from '@nestjs/common';
import { BAC_GIANG_TARGETS, DEFAULT_SCHEMES } from '../domain';
import { SchemesRepository } from '../persistence/schemes.repository';
import { TargetsRepository } from '../persistence/targets.repository';

/** National code of Bắc Giang province, whose certification targets (30% 2023, 60% 2024, 100% 2025) are seeded. */
export const BAC_GIANG_PROVINCE_CODE = '24';

/**
 * Seeds the default schemes (BAC_GIANG_2023, the default for every unit without an assignment, and
 * DONG_NAI_2025) and Bắc Giang's targets. Idempotent and safe with several instances starting at once;
 * it never overwrites what an admin changed since.
 */
@Injectable()
export class ScoringSeeder implements OnModuleInit {
  constructor(
    private readonly schemes: SchemesRepository,
    private readonly targets: TargetsRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const scheme of DEFAULT_SCHEMES) await this.schemes.insertIfMissing(scheme);
    await this.targets.insertIfMissing(BAC_GIANG_PROVINCE_CODE, BAC_GIANG_TARGETS);
  }
}
