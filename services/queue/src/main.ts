import { runService } from '@fg/platform';
import { AppModule } from './app.module';
import { QUEUE_APP, QUEUE_DEFAULT_PORT } from './app-info';

void runService(AppModule, QUEUE_APP, QUEUE_DEFAULT_PORT);
