import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg, MsgHdrs } from 'nats';

/** What an `@EventPattern` handler on the JetStream transport can ask about its message. */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  constructor(msg: JsMsg) {
    super([msg]);
  }

  getMessage(): JsMsg {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[0].subject;
  }

  getHeaders(): MsgHdrs | undefined {
    return this.args[0].headers;
  }

  /** 1 on the first delivery; counts every redelivery, whatever its cause. */
  getDeliveryCount(): number {
    return this.args[0].info.deliveryCount;
  }
}
